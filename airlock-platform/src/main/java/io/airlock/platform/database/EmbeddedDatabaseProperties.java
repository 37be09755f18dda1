package io.airlock.platform.database;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The PostgreSQL a node starts for itself when no {@code spring.datasource.url} is configured. Its
 * files live in {@code <airlock.data-dir>/postgres} and survive restarts.
 *
 * @param enabled whether to start it; when off and no URL is configured, there is no database
 * @param port TCP port on the loopback interface; 0 picks a free port at every start
 * @param databaseName the database the node uses, created on first start
 * @param startupTimeout how long to wait for PostgreSQL to accept connections
 */
@Validated
@ConfigurationProperties("airlock.database.embedded")
record EmbeddedDatabaseProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("0") int port,
    @DefaultValue("airlock") @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String databaseName,
    @DefaultValue("60s") Duration startupTimeout) {}
