package io.airlock.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The node's own PostgreSQL, kept in the node's data directory so that a restart keeps the data.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final String databaseName;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, String databaseName) {
    this.postgres = postgres;
    this.databaseName = databaseName;
  }

  static EmbeddedPostgresServer start(Path dataDirectory, EmbeddedDatabaseProperties properties)
      throws IOException {
    Files.createDirectories(dataDirectory);
    OrphanedPostmaster.stopIfAny(dataDirectory, properties.startupTimeout());
    long started = System.nanoTime();
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(properties.port())
            .setPGStartupWait(properties.startupTimeout())
            // zonky turns this off for test speed; a node must not lose a committed batch record.
            .setServerConfig("synchronous_commit", "on")
            .start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, properties.databaseName());
    try {
      server.createDatabaseIfMissing();
    } catch (SQLException | RuntimeException e) {
      server.close();
      throw new IOException("Could not create database " + properties.databaseName(), e);
    }
    log.info(
        "Embedded PostgreSQL on port {} with data in {}, ready in {} ms",
        postgres.getPort(),
        dataDirectory,
        (System.nanoTime() - started) / 1_000_000);
    return server;
  }

  JdbcConnectionDetails connectionDetails() {
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + databaseName;
    return new JdbcConnectionDetails() {
      @Override
      public String getUsername() {
        return SUPERUSER;
      }

      @Override
      public String getPassword() {
        return ""; // the embedded server only listens on loopback and trusts it
      }

      @Override
      public String getJdbcUrl() {
        return url;
      }
    };
  }

  int port() {
    return postgres.getPort();
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, databaseName);
      try (ResultSet found = exists.executeQuery()) {
        if (found.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        // The name is validated by EmbeddedDatabaseProperties, so it needs no quoting.
        create.execute("create database " + databaseName);
      }
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
