package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.testing.TestPostgres;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchName;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.FileSink;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class OutboundBatchesIntegrationTests {

  private static final KeyPair KEYS = PemKeys.generate();
  private static final ManifestExtras ACKS =
      new ManifestExtras(
          List.of(
              new ChannelAck(
                  Channel.RESULTS, new SenderEpoch("response", "peer-epoch"), 4, List.of(6L))),
          Map.of(),
          null);

  @TempDir Path root;

  private DataSource dataSource;
  private JdbcClient jdbc;
  private SenderEpoch sender;
  private Path outbox;
  private final OutboxFailures failures = new OutboxFailures(Clock.systemUTC());

  @BeforeEach
  void setUp() throws IOException {
    dataSource = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    jdbc = JdbcClient.create(dataSource);
    sender =
        new SenderEpoch(
            "request", jdbc.sql("select epoch from sender_identity").query(String.class).single());
    outbox = Files.createDirectories(root.resolve("outbox"));
  }

  @Test
  void numbersEachChannelsBatchesFromOneWithoutGapsAndRecordsWhatTheyHold() throws IOException {
    OutboundBatches batches = batches(outbox);

    EncodedBatch first =
        batches.send(Channel.DIRECTORY, settings("a", "b"), Compression.GZIP, ACKS, s -> {});
    EncodedBatch second =
        batches.send(Channel.DIRECTORY, settings("c"), Compression.NONE, ACKS, s -> {});
    EncodedBatch control =
        batches.send(Channel.CONTROL, List.of(), Compression.NONE, ManifestExtras.NONE, s -> {});

    assertThat(first.manifest().sequence()).isEqualTo(1);
    assertThat(second.manifest().sequence()).isEqualTo(2);
    assertThat(control.manifest().sequence()).isEqualTo(1);
    assertThat(first.manifest().acks()).isEqualTo(ACKS.acks());
    assertThat(
            jdbc.sql(
                    "select record_id from outbound_batch_records where channel = 'directory'"
                        + " order by sequence, position")
                .query(String.class)
                .list())
        .containsExactly("a", "b", "c");
    assertThat(
            jdbc.sql(
                    "select payload_sha256 from outbound_batches where channel = 'directory' and sequence = 1")
                .query(String.class)
                .single())
        .isEqualTo(first.manifest().payloadSha256());
    assertThat(states()).containsOnly("PUBLISHED");
  }

  @Test
  void aFullDiskLeavesTheBatchAllocatedAndReportedUntilAWriteSucceedsAgain() throws IOException {
    AtomicBoolean diskFull = new AtomicBoolean(true);
    FileSink disk =
        (dir, name, bytes) -> {
          if (diskFull.get()) {
            throw new IOException("No space left on device");
          }
          FileSink.ATOMIC.write(dir, name, bytes);
        };
    OutboundBatches batches = batches(outbox, disk);

    assertThatThrownBy(
            () -> batches.send(Channel.DIRECTORY, settings("a"), Compression.NONE, ACKS, s -> {}))
        .hasMessage("No space left on device");

    assertThat(states()).containsExactly("ALLOCATED");
    assertThat(failures.current())
        .get()
        .extracting(OutboxFailures.Failure::reason)
        .asString()
        .contains("No space left on device");
    try (var files = Files.newDirectoryStream(outbox, "*.manifest.json")) {
      assertThat(files).isEmpty();
    }

    diskFull.set(false);
    EncodedBatch next =
        batches.send(Channel.DIRECTORY, settings("b"), Compression.NONE, ACKS, s -> {});

    assertThat(next.manifest().sequence()).isEqualTo(2);
    assertThat(states()).containsOnly("PUBLISHED");
    assertThat(failures.current()).isEmpty();
  }

  @Test
  void resendsAPublishedBatchByteIdenticalEvenWhenTheArchiveLostIt() throws IOException {
    OutboundBatches batches = batches(outbox);
    EncodedBatch batch =
        batches.send(Channel.DIRECTORY, settings("a", "b"), Compression.GZIP, ACKS, s -> {});
    Files.delete(outbox.resolve(batch.manifestFileName()));
    Files.delete(outbox.resolve(batch.payloadFileName()));

    assertThat(batches.resend(Channel.DIRECTORY, 1)).isEqualTo(OutboundBatches.Resent.RESENT);
    assertThat(Files.readAllBytes(outbox.resolve(batch.manifestFileName())))
        .isEqualTo(batch.manifestFile());

    Files.delete(outbox.resolve(batch.manifestFileName()));
    Files.delete(outbox.resolve(BatchWriter.SENT).resolve(batch.manifestFileName()));
    Files.delete(outbox.resolve(BatchWriter.SENT).resolve(batch.payloadFileName()));

    assertThat(batches.resend(Channel.DIRECTORY, 1)).isEqualTo(OutboundBatches.Resent.RESENT);
    assertThat(Files.readAllBytes(outbox.resolve(batch.manifestFileName())))
        .as("rebuilt from the ledger")
        .isEqualTo(batch.manifestFile());
    assertThat(Files.readAllBytes(outbox.resolve(batch.payloadFileName())))
        .isEqualTo(batch.payload());
    assertThat(
            jdbc.sql("select send_count from outbound_batches where channel = 'directory'")
                .query(Integer.class)
                .single())
        .isEqualTo(3);
    assertThat(batches.resend(Channel.DIRECTORY, 2)).isEqualTo(OutboundBatches.Resent.UNKNOWN);
  }

  @Test
  void prunesOnlyBatchesAcknowledgedBeforeTheCutOff() throws IOException {
    OutboundBatches batches = batches(outbox);
    EncodedBatch acknowledged =
        batches.send(Channel.DIRECTORY, settings("a"), Compression.NONE, ACKS, s -> {});
    EncodedBatch unacknowledged =
        batches.send(Channel.DIRECTORY, settings("b"), Compression.NONE, ACKS, s -> {});
    jdbc.sql(
            "update outbound_batches set state = 'ACKNOWLEDGED',"
                + " acknowledged_at = now() - interval '2 days' where sequence = 1")
        .update();
    Path sent = outbox.resolve(BatchWriter.SENT);

    assertThat(batches.prune(java.time.Instant.now().minus(java.time.Duration.ofDays(3)), false))
        .as("acknowledged, but within the retention")
        .isZero();
    assertThat(batches.prune(java.time.Instant.now().minus(java.time.Duration.ofDays(1)), false))
        .isEqualTo(1);

    assertThat(sent.resolve(acknowledged.manifestFileName())).doesNotExist();
    assertThat(sent.resolve(acknowledged.payloadFileName())).doesNotExist();
    assertThat(sent.resolve(unacknowledged.manifestFileName())).exists();
    assertThat(batches.resend(Channel.DIRECTORY, 1)).isEqualTo(OutboundBatches.Resent.PRUNED);
    assertThat(
            jdbc.sql("select count(*) from outbound_batch_records where sequence = 1")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void runsTheFeaturesHookInsideTheAllocationTransaction() {
    jdbc.sql("create table taken (sequence bigint)").update();
    OutboundBatches batches = batches(root.resolve("missing-outbox"));

    assertThatThrownBy(
            () ->
                batches.send(
                    Channel.DIRECTORY,
                    settings("a"),
                    Compression.NONE,
                    ACKS,
                    sequence ->
                        jdbc.sql("insert into taken values (:s)").param("s", sequence).update()))
        .isInstanceOf(IOException.class);

    // The allocation committed with the hook's write, although the files could not be written.
    assertThat(jdbc.sql("select sequence from taken").query(Long.class).list()).containsExactly(1L);
    assertThat(states()).containsExactly("ALLOCATED");
  }

  @Test
  void publishesABatchAnUnwritableOutboxHeldBackBeforeAnythingNewAndByteIdentical()
      throws IOException {
    Path unmounted = root.resolve("share");
    assertThatThrownBy(
            () ->
                batches(unmounted)
                    .send(Channel.DIRECTORY, settings("a"), Compression.GZIP, ACKS, s -> {}))
        .isInstanceOf(IOException.class);
    assertThat(unmounted).doesNotExist();

    Files.createDirectories(unmounted);
    OutboundBatches recovered = batches(unmounted);
    EncodedBatch next =
        recovered.send(Channel.DIRECTORY, settings("b"), Compression.NONE, ACKS, s -> {});

    assertThat(next.manifest().sequence()).isEqualTo(2);
    assertThat(states()).containsOnly("PUBLISHED");
    assertThat(manifestNames(unmounted)).hasSize(2);
  }

  @Test
  void repairRewritesAnInterruptedBatchByteIdentical() throws IOException {
    OutboundBatches batches = batches(outbox);
    EncodedBatch published =
        batches.send(Channel.DIRECTORY, settings("x", "y"), Compression.GZIP, ACKS, s -> {});
    // A crash after the manifest rename, before the ledger said PUBLISHED; the shuttle took the
    // files.
    jdbc.sql("update outbound_batches set state = 'ALLOCATED'").update();
    Files.delete(outbox.resolve(published.manifestFileName()));
    Files.delete(outbox.resolve(published.payloadFileName()));

    assertThat(batches(outbox).repairUnpublished()).isEqualTo(1);

    assertThat(Files.readAllBytes(outbox.resolve(published.manifestFileName())))
        .isEqualTo(published.manifestFile());
    assertThat(Files.readAllBytes(outbox.resolve(published.payloadFileName())))
        .isEqualTo(published.payload());
    assertThat(states()).containsOnly("PUBLISHED");
    assertThat(batches(outbox).repairUnpublished()).isZero();
  }

  @Test
  void concurrentSendersNeverShareASequence() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> sequences = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String id = "r" + i;
        OutboundBatches batches = batches(outbox);
        sequences.add(
            pool.submit(
                () ->
                    batches
                        .send(Channel.RESULTS, List.of(), Compression.NONE, ACKS, s -> {})
                        .manifest()
                        .sequence()));
      }
      List<Long> seen = new ArrayList<>();
      for (Future<Long> sequence : sequences) {
        seen.add(sequence.get());
      }
      Collections.sort(seen);
      assertThat(seen).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  private OutboundBatches batches(Path outboxDir) {
    return batches(outboxDir, FileSink.ATOMIC);
  }

  private OutboundBatches batches(Path outboxDir, FileSink files) {
    return new OutboundBatches(
        jdbc,
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
        sender,
        new BatchWriter(outboxDir, new BatchSigner(KEYS.getPrivate(), KEYS.getPublic()), files),
        failures,
        Clock.systemUTC());
  }

  private static List<TransferRecord> settings(String... keys) {
    List<TransferRecord> records = new ArrayList<>();
    for (String key : keys) {
      records.add(new SettingRecord(key, "value of " + key, 1));
    }
    return records;
  }

  private List<String> states() {
    return jdbc.sql("select state from outbound_batches").query(String.class).list();
  }

  private static List<String> manifestNames(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> BatchName.parseManifest(name).isPresent())
          .toList();
    }
  }
}
