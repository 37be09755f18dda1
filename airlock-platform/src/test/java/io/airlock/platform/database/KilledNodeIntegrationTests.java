package io.airlock.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class KilledNodeIntegrationTests {

  @TempDir Path dataDir;

  @Test
  void startsAgainAfterTheNodeWasKilledWhilePostgresRan() throws Exception {
    Path postgresDir = dataDir.resolve("postgres");
    Process node =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                NodeThatGetsKilled.class.getName(),
                postgresDir.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader output =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = output.readLine()) != null && !line.equals(NodeThatGetsKilled.READY)) {
        // skip PostgreSQL's start-up output
      }
      assertThat(line).as("child node started PostgreSQL").isEqualTo(NodeThatGetsKilled.READY);
      node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(postgresDir.resolve("postmaster.pid")).as("PostgreSQL outlived its node").exists();

    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class))
        .withPropertyValues("airlock.side=test", "airlock.data-dir=" + dataDir)
        .run(
            context ->
                assertThat(
                        new JdbcTemplate(context.getBean(DataSource.class))
                            .queryForObject("select count(*) from left_behind", Integer.class))
                    .isEqualTo(1));
  }

  /** Starts the node's PostgreSQL, writes a row, and waits to be killed. */
  static class NodeThatGetsKilled {

    static final String READY = "ready to be killed";

    public static void main(String[] args) throws Exception {
      var properties = new EmbeddedDatabaseProperties(true, 0, "airlock", Duration.ofSeconds(60));
      var server = EmbeddedPostgresServer.start(Path.of(args[0]), properties);
      try (var connection =
              DriverManager.getConnection(server.connectionDetails().getJdbcUrl(), "postgres", "");
          var statement = connection.createStatement()) {
        statement.execute("create table left_behind (x int)");
        statement.execute("insert into left_behind values (1)");
      }
      System.out.println(READY);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
