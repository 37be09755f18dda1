package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.testing.TestPostgres;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.OutgoingBatch;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class InboxImporterIntegrationTests {

  private static final SenderEpoch PEER = new SenderEpoch("response", "peer-epoch");

  @TempDir Path root;

  private DataSource database;
  private JdbcClient jdbc;
  private TransferFolders folders;
  private InboxImporter importer;
  private final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    database = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    jdbc = JdbcClient.create(database);
    jdbc.sql("create table applied_records (id text not null)").update();
    folders = new TransferFolders(root.resolve("outbox"), root.resolve("inbox"));
    folders.create();
  }

  @AfterEach
  void stop() {
    if (importer != null) {
      importer.stop();
    }
  }

  @Test
  void importsANewBatchAsSoonAsItAppearsWithoutWaitingForTheScan() throws Exception {
    importer = importer(new InboxProperties(true, true, Duration.ofHours(1)));
    importer.start();
    // The first round watched and scanned the empty inbox: what comes now only the watch finds.
    await().atMost(Duration.ofSeconds(10)).until(() -> importer.rounds() >= 1);

    publish(1, new SettingRecord("a", "v", 1));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(applied()).containsExactly("a"));
  }

  @Test
  void stillImportsOnTheScanIntervalWhenNotWatching() throws Exception {
    importer = importer(new InboxProperties(true, false, Duration.ofMillis(200)));
    importer.start();

    publish(1, new SettingRecord("b", "v", 1));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(applied()).containsExactly("b"));
  }

  @Test
  void importsNothingWhileAnotherInstanceImports() throws Exception {
    importer = importer(new InboxProperties(false, false, Duration.ofHours(1)));
    publish(1, new SettingRecord("c", "v", 1));
    new JdbcTemplate(database)
        .update(
            "insert into shedlock (name, lock_until, locked_at, locked_by)"
                + " values ('inbox-import', now() + interval '1 minute', now(), 'other')");

    assertThat(importer.importNow()).isEmpty();
    assertThat(applied()).isEmpty();
  }

  @Test
  void publishesEachConflictForTheSideToRecordWhereItsOperatorsLook() throws Exception {
    importer = importer(new InboxProperties(false, false, Duration.ofHours(1)));
    publish(1, new SettingRecord("d", "v", 1));
    importer.importNow();
    assertThat(events).isEmpty();

    publish(1, new SettingRecord("d", "other content", 2));
    importer.importNow();

    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            ImportOutcome.Conflict.class,
            conflict -> assertThat(conflict.manifest().sequence()).isEqualTo(1));
    assertThat(applied()).containsExactly("d");
  }

  @Test
  void refusesTwoFeaturesForOneChannel() {
    assertThatThrownBy(
            () ->
                new InboxImporter(
                    inbound(),
                    folders,
                    jobs(),
                    List.of(channel(), channel()),
                    new InboxProperties(false, false, Duration.ofHours(1)),
                    events::add))
        .hasMessageContaining("two features take channel directory");
  }

  private InboxImporter importer(InboxProperties properties) {
    return new InboxImporter(
        inbound(), folders, jobs(), List.of(channel()), properties, events::add);
  }

  private InboundBatches inbound() {
    return new InboundBatches(
        jdbc,
        new TransactionTemplate(new DataSourceTransactionManager(database)),
        new BatchReader(SignaturePolicy.disabled(), ReceiveLimits.DEFAULTS),
        folders,
        new SenderEpoch("request", "own-epoch"),
        Clock.systemUTC());
  }

  private SingletonJobs jobs() {
    return SingletonJobs.onDatabase(database, "test-instance");
  }

  private InboundChannel channel() {
    return new InboundChannel() {
      @Override
      public Channel channel() {
        return Channel.DIRECTORY;
      }

      @Override
      public void apply(TransferRecord record, AppliedBatch batch) {
        jdbc.sql("insert into applied_records (id) values (:id)").param("id", record.id()).update();
      }
    };
  }

  private void publish(long sequence, TransferRecord... records) throws IOException {
    new BatchWriter(folders.inbox(), null)
        .publish(
            new OutgoingBatch(
                Channel.DIRECTORY,
                sequence,
                UUID.randomUUID(),
                PEER,
                Instant.now(),
                List.of(records),
                Compression.NONE,
                List.of(),
                Map.of(),
                null));
  }

  private List<String> applied() {
    return jdbc.sql("select id from applied_records").query(String.class).list();
  }
}
