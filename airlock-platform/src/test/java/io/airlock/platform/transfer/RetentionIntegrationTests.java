package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionApplied;
import io.airlock.platform.retention.RetentionProperties;
import io.airlock.platform.retention.RetentionRun;
import io.airlock.platform.testing.MovableClock;
import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.testing.TestPostgres;
import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The transfer's retention against a real ledger and inbox, with the clock moved. */
class RetentionIntegrationTests {

  private static final RetentionProperties DEFAULTS =
      new RetentionProperties(
          false,
          Duration.ofHours(1),
          Duration.ofDays(90),
          Duration.ofDays(30),
          Duration.ofDays(180));

  @TempDir Path root;

  private final MovableClock clock =
      new MovableClock(Instant.parse("2027-06-01T00:00:00Z").truncatedTo(ChronoUnit.SECONDS));
  private final List<RetentionApplied> recorded = new ArrayList<>();
  private DataSource dataSource;
  private JdbcClient jdbc;
  private TransferFolders folders;

  @BeforeEach
  void setUp() throws IOException {
    dataSource = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    jdbc = JdbcClient.create(dataSource);
    folders = new TransferFolders(root.resolve("outbox"), root.resolve("inbox"));
    folders.create();
  }

  @Test
  void removesOnlyAcknowledgedPrunedOutboundBatchesPastTheRetentionAndKeepsEachChannelsHighest()
      throws IOException {
    outbound("requests", 1, "ACKNOWLEDGED", daysAgo(120), true); // removed
    outbound("requests", 2, "ACKNOWLEDGED", daysAgo(100), true); // removed
    outbound("requests", 3, "ACKNOWLEDGED", daysAgo(80), true); // young
    outbound("requests", 4, "PUBLISHED", null, false); // never acknowledged, published long ago
    outbound("requests", 5, "ACKNOWLEDGED", daysAgo(120), false); // not pruned by the link yet
    outbound("control", 1, "ACKNOWLEDGED", daysAgo(120), true); // removed
    outbound("control", 2, "ACKNOWLEDGED", daysAgo(120), true); // the channel's highest
    jdbc.sql("update outbound_batches set published_at = :at, created_at = :at")
        .param("at", Timestamp.from(daysAgo(400)))
        .update();

    Map<String, Long> removed = retention(DEFAULTS).runNow().orElseThrow();

    assertThat(removed).containsEntry("ledger-outbound", 3L);
    assertThat(
            jdbc.sql("select channel || ':' || sequence from outbound_batches order by 1")
                .query(String.class)
                .list())
        .containsExactly("control:2", "requests:3", "requests:4", "requests:5");
    assertThat(recorded).contains(new RetentionApplied("ledger-outbound", 3, daysAgo(90)));
  }

  @Test
  void removesOldInboundBatchesNothingPointsAtAndKeepsYoungOnes() throws IOException {
    inbound("request-1", "requests", 1, daysAgo(400)); // removed
    inbound(null, null, null, daysAgo(91)); // its manifest unreadable: removed
    long young = inbound("request-1", "requests", 2, daysAgo(89));
    long newest = inbound("request-1", "requests", 3, daysAgo(1));

    Map<String, Long> removed = retention(DEFAULTS).runNow().orElseThrow();

    assertThat(removed).containsEntry("ledger-inbound", 2L);
    assertThat(inboundIds()).containsExactly(young, newest);
    assertThat(recorded).contains(new RetentionApplied("ledger-inbound", 2, daysAgo(90)));
  }

  @Test
  void keepsTheNewestInboundBatchOfEachSendersChannelHoweverOld() throws IOException {
    inbound("request-1", "control", 1, daysAgo(400)); // removed
    long newest = inbound("request-1", "control", 2, daysAgo(300));
    long otherSender = inbound("request-2", "control", 1, daysAgo(400));

    Map<String, Long> removed = retention(DEFAULTS).runNow().orElseThrow();

    // The link's health and the dashboard say when each was last heard from by it.
    assertThat(removed).containsEntry("ledger-inbound", 1L);
    assertThat(inboundIds()).containsExactly(newest, otherSender);
  }

  @Test
  void keepsOldInboundBatchesARowStillPointsAtAndTheWatermarks() throws IOException {
    long quarantined = inbound("request-1", "requests", 1, daysAgo(400));
    quarantine(quarantined);
    long queued = inbound("request-1", "requests", 2, daysAgo(400));
    // A side's table, named as only quoting allows, whose rows would silently let go.
    jdbc.sql(
            """
            create table "Side's Queue" ("Arrived In" bigint null
                references inbound_batches (id) on delete set null)""")
        .update();
    jdbc.sql("insert into \"Side's Queue\" values (:batch)").param("batch", queued).update();
    long newest = inbound("request-1", "requests", 3, daysAgo(400));
    jdbc.sql(
            """
            insert into inbound_watermarks (sender_node_id, sender_epoch, channel, contiguous,
                created_at, updated_at)
            values ('request-1', 'e1', 'requests', 2, :at, :at),
                   ('request-1', 'e1', 'control', 2, :at, :at)""")
        .param("at", Timestamp.from(daysAgo(400)))
        .update();
    List<String> watermarks = watermarks();

    Map<String, Long> removed = retention(DEFAULTS).runNow().orElseThrow();

    assertThat(removed).containsEntry("ledger-inbound", 0L);
    assertThat(inboundIds()).containsExactly(quarantined, queued, newest);
    assertThat(jdbc.sql("select count(*) from quarantined_records").query(Long.class).single())
        .isEqualTo(1);
    assertThat(watermarks()).isEqualTo(watermarks).hasSize(2);
  }

  @Test
  void looksForTheTablesThatPointAtTheInboundLedgerAfreshEachRun() throws IOException {
    TransferRetention retention = retention(DEFAULTS);
    long batch = inbound("request-1", "requests", 1, daysAgo(60));
    long newest = inbound("request-1", "requests", 2, daysAgo(60));
    retention.runNow().orElseThrow();
    // A migration since the last run adds a table that points at the ledger.
    jdbc.sql(
            """
            create table side_rows (batch bigint null
                references inbound_batches (id) on delete set null)""")
        .update();
    jdbc.sql("insert into side_rows values (:batch)").param("batch", batch).update();
    clock.advance(Duration.ofDays(60));

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed).containsEntry("ledger-inbound", 0L);
    assertThat(inboundIds()).containsExactly(batch, newest);
  }

  @Test
  void takesABatchArrivingAgainAfterItsLedgerRowWentForADuplicateAndAppliesItNoMore()
      throws IOException {
    InboundBatches inbound = inboundBatches();
    TestPeer peer = new TestPeer(folders.inbox(), "request-1");
    List<String> applied = new ArrayList<>();
    Map<Channel, RecordApplier> appliers =
        Map.of(Channel.DIRECTORY, (record, batch) -> applied.add(record.id()));
    EncodedBatch first = peer.publish(Channel.DIRECTORY, 1, List.of(), setting("a"));
    peer.publish(Channel.DIRECTORY, 2, List.of(), setting("b"));
    inbound.scan(appliers);
    jdbc.sql("update inbound_batches set received_at = :at")
        .param("at", Timestamp.from(daysAgo(100)))
        .update();
    assertThat(retention(DEFAULTS).runNow().orElseThrow()).containsEntry("ledger-inbound", 1L);
    peer.resend(first); // the medium delivers it again, long after

    List<ImportOutcome> outcomes = inbound.scan(appliers);

    // The watermark alone says it was applied.
    assertThat(outcomes).containsExactly(new ImportOutcome.Duplicate(first.manifest()));
    assertThat(applied).containsExactly("a", "b");
    assertThat(
            jdbc.sql("select sequence || ':' || outcome from inbound_batches order by id")
                .query(String.class)
                .list())
        .containsExactly("2:APPLIED", "1:DUPLICATE");
  }

  @Test
  void deletesInSmallBatchesUntilNothingOldIsLeft() throws IOException {
    jdbc.sql(
            """
            insert into outbound_batches (sender_epoch, channel, sequence, batch_id, record_count,
                payload_file, compression, state, acknowledged_at, pruned_at)
            select 'e1', 'requests', s, gen_random_uuid(), 0, 'p', 'none', 'ACKNOWLEDGED', :at, :at
            from generate_series(1, :count) s""")
        .param("at", Timestamp.from(daysAgo(100)))
        .param("count", RetentionRun.BATCH * 2 + 1)
        .update();

    Map<String, Long> removed = retention(DEFAULTS).runNow().orElseThrow();

    // Every one but the channel's highest, over several statements.
    assertThat(removed).containsEntry("ledger-outbound", (long) RetentionRun.BATCH * 2);
    assertThat(jdbc.sql("select count(*) from outbound_batches").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void removesOldArchivedAndFailedFilesAndKeepsYoungOnes() throws IOException {
    Path oldArchived = file(folders.archive(), "requests-1.manifest.json", daysAgo(31));
    Path youngArchived = file(folders.archive(), "requests-2.manifest.json", daysAgo(29));
    Path oldFailed = file(folders.failed(), "requests-3.manifest.json", daysAgo(181));
    Path oldReason = file(folders.failed(), "requests-3.manifest.json.reason", daysAgo(181));
    Path failedMonthsAgo = file(folders.failed(), "requests-4.manifest.json", daysAgo(100));

    Map<String, Long> removed = retention(DEFAULTS).runNow().orElseThrow();

    assertThat(removed).containsEntry("inbox-archive", 1L).containsEntry("inbox-failed", 2L);
    assertThat(oldArchived).doesNotExist();
    assertThat(oldFailed).doesNotExist();
    assertThat(oldReason).doesNotExist();
    assertThat(youngArchived).exists();
    assertThat(failedMonthsAgo).exists();
    assertThat(recorded)
        .contains(
            new RetentionApplied("inbox-archive", 1, daysAgo(30)),
            new RetentionApplied("inbox-failed", 2, daysAgo(180)));
  }

  @Test
  void keepsEverythingOfAKindWhoseRetentionIsZeroAndRecordsNothingWhenNothingWent()
      throws IOException {
    outbound("requests", 1, "ACKNOWLEDGED", daysAgo(1000), true);
    outbound("requests", 2, "ACKNOWLEDGED", daysAgo(1000), true);
    Path archived = file(folders.archive(), "requests-1.manifest.json", daysAgo(1000));
    RetentionProperties forever =
        new RetentionProperties(
            false, Duration.ofHours(1), Duration.ZERO, Duration.ZERO, Duration.ofDays(180));

    Map<String, Long> removed = retention(forever).runNow().orElseThrow();

    assertThat(removed).containsOnlyKeys("inbox-failed").containsEntry("inbox-failed", 0L);
    assertThat(jdbc.sql("select count(*) from outbound_batches").query(Long.class).single())
        .isEqualTo(2);
    assertThat(archived).exists();
    assertThat(recorded).isEmpty();
  }

  private TransferRetention retention(RetentionProperties properties) {
    return new TransferRetention(
        jdbc,
        folders,
        SingletonJobs.onDatabase(dataSource, "test-instance"),
        properties,
        clock,
        recorded::add);
  }

  private InboundBatches inboundBatches() {
    return new InboundBatches(
        jdbc,
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
        new BatchReader(
            SignaturePolicy.required(TrustedKeys.of(List.of(TestPeer.publicKey()))),
            ReceiveLimits.DEFAULTS),
        folders,
        new SenderEpoch("response-1", "own-epoch"),
        clock);
  }

  private static SettingRecord setting(String key) {
    return new SettingRecord(key, "v", 1);
  }

  private Instant daysAgo(int days) {
    return clock.instant().minus(Duration.ofDays(days));
  }

  private void outbound(
      String channel, long sequence, String state, Instant acknowledgedAt, boolean pruned) {
    jdbc.sql(
            """
            insert into outbound_batches (sender_epoch, channel, sequence, batch_id, record_count,
                payload_file, compression, state, acknowledged_at, pruned_at)
            values ('e1', :channel, :sequence, gen_random_uuid(), 0, 'p', 'none', :state,
                :acknowledgedAt, :prunedAt)""")
        .param("channel", channel)
        .param("sequence", sequence)
        .param("state", state)
        .param("acknowledgedAt", acknowledgedAt == null ? null : Timestamp.from(acknowledgedAt))
        .param("prunedAt", pruned ? Timestamp.from(acknowledgedAt.plus(Duration.ofDays(7))) : null)
        .update();
  }

  private long inbound(String node, String channel, Integer sequence, Instant receivedAt) {
    return jdbc.sql(
            """
            insert into inbound_batches (sender_node_id, sender_epoch, channel, sequence, outcome,
                file_name, received_at)
            values (:node, :epoch, :channel, :sequence, :outcome, 'f', :at) returning id""")
        .param("node", node)
        .param("epoch", node == null ? null : "e1")
        .param("channel", channel)
        .param("sequence", sequence)
        .param("outcome", node == null ? "REJECTED" : "APPLIED")
        .param("at", Timestamp.from(receivedAt))
        .query(Long.class)
        .single();
  }

  private void quarantine(long batch) {
    jdbc.sql(
            """
            insert into quarantined_records (inbound_batch_id, line_number, reason, raw)
            values (:batch, 1, 'bad', '{}')""")
        .param("batch", batch)
        .update();
  }

  private List<Long> inboundIds() {
    return jdbc.sql("select id from inbound_batches order by id").query(Long.class).list();
  }

  /** Every watermark, whole, as text (its arrays compare by content then). */
  private List<String> watermarks() {
    return jdbc.sql("select w::text from inbound_watermarks w order by channel")
        .query(String.class)
        .list();
  }

  private static Path file(Path folder, String name, Instant modified) throws IOException {
    Path file = Files.writeString(folder.resolve(name), name);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
