package io.airlock.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedPostgresIntegrationTests {

  @TempDir Path dataDir;

  ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class))
        .withPropertyValues("airlock.side=test", "airlock.data-dir=" + dataDir);
  }

  @Test
  void keepsItsDataAcrossARestartInTheSameDataDir() {
    runner()
        .run(
            context -> {
              JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
              jdbc.execute("create table survivors (name text)");
              jdbc.update("insert into survivors values ('first boot')");
            });
    runner()
        .run(
            context ->
                assertThat(
                        new JdbcTemplate(context.getBean(DataSource.class))
                            .queryForList("select name from survivors", String.class))
                    .containsExactly("first boot"));
    assertThat(dataDir.resolve("postgres/PG_VERSION")).isRegularFile();
  }

  @Test
  void usesADedicatedDatabase() {
    runner()
        .run(
            context ->
                assertThat(
                        new JdbcTemplate(context.getBean(DataSource.class))
                            .queryForObject("select current_database()", String.class))
                    .isEqualTo("airlock"));
  }

  @Test
  void stopsPostgresWhenTheContextCloses() {
    int[] port = new int[1];
    runner().run(context -> port[0] = context.getBean(EmbeddedPostgresServer.class).port());
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port[0] + "/airlock", "postgres", ""))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void backsOffWhenADataSourceUrlIsConfigured() {
    String url = TestPostgres.newDatabase().jdbcUrl();
    runner()
        .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=postgres")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class);
              assertThat(
                      new JdbcTemplate(context.getBean(DataSource.class))
                          .queryForObject("select current_database()", String.class))
                  .startsWith("test_");
            });
    assertThat(dataDir.resolve("postgres")).doesNotExist();
  }

  @Test
  void startsNothingWhenDisabledSoTheNodeHasNoDatabase() {
    runner()
        .withPropertyValues("airlock.database.embedded.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasRootCauseMessage("Failed to determine a suitable driver class"));
    assertThat(dataDir.resolve("postgres")).doesNotExist();
  }
}
