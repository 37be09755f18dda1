package io.airlock.requestside;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.transfer.SenderEpoch;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@RequestSideIntegrationTest
class StartupIntegrationTests {

  @Autowired Environment environment;
  @Autowired DataSource dataSource;
  @Autowired Flyway flyway;
  @Autowired SenderEpoch sender;
  @Autowired TransferFolders folders;

  @Test
  void readsItsOwnConfigurationFile() {
    assertThat(environment.getProperty("airlock.side")).isEqualTo("request");
    assertThat(environment.getProperty("spring.application.name"))
        .isEqualTo("airlock-request-side");
  }

  @Test
  void runsOnATestDatabaseWithEveryMigrationApplied() {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(jdbc.sql("select current_database()").query(String.class).single())
        .startsWith("test_");
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.info().applied())
        .extracting(MigrationInfo::getDescription)
        .contains("transfer ledger");
    assertThat(
            jdbc.sql("select to_regclass(:table) is not null")
                .param("table", "inbound_watermarks")
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void sendsAsTheRequestNodeWithTheEpochOfItsDatabase() {
    assertThat(sender.nodeId()).isEqualTo("request");
    assertThat(sender.epoch())
        .isEqualTo(
            JdbcClient.create(dataSource)
                .sql("select epoch from sender_identity")
                .query(String.class)
                .single());
  }

  @Test
  void keepsItsTransferFoldersInItsOwnDataDir() {
    Path dataDir = Path.of(environment.getRequiredProperty("airlock.data-dir"));
    assertThat(folders.outbox()).isEqualTo(dataDir.resolve("outbox")).isDirectory();
    assertThat(folders.failed()).isEqualTo(dataDir.resolve("inbox/failed")).isDirectory();
  }
}
