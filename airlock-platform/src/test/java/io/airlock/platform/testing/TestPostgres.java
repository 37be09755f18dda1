package io.airlock.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM, and databases on it that tests never share. Each distinct
 * set of Flyway locations is migrated once, into a template database; every {@link #newDatabase} is
 * then a {@code CREATE DATABASE ... TEMPLATE} copy, which takes milliseconds.
 *
 * <pre>{@code
 * DataSource dataSource =
 *     TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
 * }</pre>
 */
public final class TestPostgres {

  private static final String USER = "postgres";
  private static final Map<SortedSet<String>, String> templates = new HashMap<>();
  private static EmbeddedPostgres server;
  private static int databases;

  private TestPostgres() {}

  /** A new database, migrated with the given Flyway locations (e.g. {@code classpath:db/x}). */
  public static TestDatabase newDatabase(String... flywayLocations) {
    return newDatabase(List.of(flywayLocations));
  }

  /** A new database, migrated with the given Flyway locations. */
  public static synchronized TestDatabase newDatabase(Collection<String> flywayLocations) {
    String template =
        templates.computeIfAbsent(new TreeSet<>(flywayLocations), TestPostgres::migrate);
    TestDatabase database = database("test_" + ++databases);
    execute("create database " + database.name() + " template " + template);
    renewSenderEpoch(database);
    return database;
  }

  private static String migrate(SortedSet<String> locations) {
    TestDatabase template = database("template_" + templates.size());
    execute("create database " + template.name());
    Flyway.configure()
        .dataSource(template.jdbcUrl(), template.username(), template.password())
        .locations(locations.toArray(String[]::new))
        .load()
        .migrate();
    // The data source above is unpooled, so no connection is left to block the copies.
    return template.name();
  }

  // A new database is a new sender epoch; copies of one template would otherwise share its epoch.
  private static void renewSenderEpoch(TestDatabase database) {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "do $$ begin if to_regclass('sender_identity') is not null then"
              + " update sender_identity set epoch = gen_random_uuid()::text; end if; end $$");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not renew the sender epoch of " + database.name(), e);
    }
  }

  /**
   * Makes a database refuse new connections and ends the ones it has, as if its server were gone;
   * {@link #allowConnections} undoes it.
   */
  public static synchronized void refuseConnections(String database) {
    execute("alter database \"" + database + "\" allow_connections false");
    execute(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
            + database
            + "'");
  }

  public static synchronized void allowConnections(String database) {
    execute("alter database \"" + database + "\" allow_connections true");
  }

  private static TestDatabase database(String name) {
    return new TestDatabase(name, server().getJdbcUrl(USER, name), USER, "");
  }

  private static void execute(String sql) {
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + sql, e);
    }
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                // Test data need not survive a crash: skip every flush to disk.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                // Each cached test context keeps its pool's connections open (20 by default): a
                // module's tests keep a few dozen contexts, more than the 300 zonky allows.
                .setServerConfig("max_connections", "1000")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the test PostgreSQL", e);
      }
    }
    return server;
  }
}
