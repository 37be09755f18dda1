package io.airlock.platform.database;

import io.airlock.platform.node.NodeProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts the node's own PostgreSQL when no database is configured, so that a side runs with nothing
 * installed. It is offered as {@link JdbcConnectionDetails}, so Boot still builds the (Hikari)
 * DataSource and every {@code spring.datasource.hikari.*} setting applies.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnBooleanProperty(name = "airlock.database.embedded.enabled", matchIfMissing = true)
@Conditional(NoDataSourceUrlCondition.class)
@ConditionalOnMissingBean({DataSource.class, JdbcConnectionDetails.class})
@EnableConfigurationProperties({EmbeddedDatabaseProperties.class, NodeProperties.class})
class EmbeddedPostgresAutoConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgresServer(
      NodeProperties node, EmbeddedDatabaseProperties properties) throws IOException {
    return EmbeddedPostgresServer.start(node.dataDir().resolve("postgres"), properties);
  }

  @Bean
  JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer server) {
    return server.connectionDetails();
  }
}
