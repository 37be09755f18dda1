package io.airlock.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

class AirlockTestInitializerIntegrationTests {

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new AirlockTestInitializer())
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
          .withPropertyValues("spring.flyway.locations=classpath:db/migration/platform");

  @Test
  void givesEveryContextADatabaseOfItsOwn() {
    String[] first = new String[1];
    runner.run(
        context -> {
          JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
          first[0] = jdbc.sql("select current_database()").query(String.class).single();
          jdbc.sql("create table only_in_first (x int)").update();
        });
    runner.run(
        context -> {
          JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
          assertThat(jdbc.sql("select current_database()").query(String.class).single())
              .isNotEqualTo(first[0]);
          assertThat(
                  jdbc.sql("select to_regclass('only_in_first') is null")
                      .query(Boolean.class)
                      .single())
              .isTrue();
        });
  }

  @Test
  void migratesTheDatabaseWithTheContextsFlywayLocations() {
    runner.run(
        context ->
            assertThat(
                    JdbcClient.create(context.getBean(DataSource.class))
                        .sql("select count(*) from sender_identity")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1));
  }

  @Test
  void givesEveryContextADataDirOfItsOwnUnlessTheTestSetsOne() {
    String[] first = new String[1];
    runner.run(context -> first[0] = context.getEnvironment().getProperty("airlock.data-dir"));
    runner.run(
        context ->
            assertThat(context.getEnvironment().getProperty("airlock.data-dir"))
                .isNotBlank()
                .isNotEqualTo(first[0]));
    runner
        .withPropertyValues("airlock.data-dir=/chosen/by/test")
        .run(
            context ->
                assertThat(context.getEnvironment().getProperty("airlock.data-dir"))
                    .isEqualTo("/chosen/by/test"));
  }
}
