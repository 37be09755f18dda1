package io.airlock.platform.testing;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the test JVM's PostgreSQL, already migrated.
 *
 * @param name the database name
 * @param jdbcUrl its JDBC URL
 * @param username the user to connect as
 * @param password that user's password
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

  /** An unpooled DataSource: each {@code getConnection()} opens a new connection. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser(username);
    dataSource.setPassword(password);
    return dataSource;
  }
}
