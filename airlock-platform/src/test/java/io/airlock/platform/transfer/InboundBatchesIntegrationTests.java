package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.testing.TestPostgres;
import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.RejectionReason;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class InboundBatchesIntegrationTests {

  private static final SenderEpoch SELF = new SenderEpoch("request", "own-epoch-1");

  @TempDir Path root;

  private JdbcClient jdbc;
  private TransferFolders folders;
  private InboundBatches inbound;
  private TestPeer peer;
  private SenderEpoch sender;
  private Map<Channel, RecordApplier> appliers;

  @BeforeEach
  void setUp() throws IOException {
    DataSource dataSource =
        TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("create table applied_records (id text not null)").update();
    folders = new TransferFolders(root.resolve("outbox"), root.resolve("inbox"));
    folders.create();
    inbound =
        new InboundBatches(
            jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
            new BatchReader(
                SignaturePolicy.required(TrustedKeys.of(List.of(TestPeer.publicKey()))),
                ReceiveLimits.DEFAULTS),
            folders,
            SELF,
            Clock.systemUTC());
    // The peer publishes straight into this node's inbox: the gap is not under test here.
    peer = new TestPeer(folders.inbox(), "response");
    sender = peer.sender();
    appliers =
        Map.of(
            Channel.DIRECTORY,
            (record, batch) -> {
              if (record.id().equals("explode")) {
                throw new IllegalStateException("the feature failed");
              }
              // Written inside the batch's transaction, as a feature's changes are.
              jdbc.sql("insert into applied_records (id) values (:id)")
                  .param("id", record.id())
                  .update();
            });
  }

  @Test
  void appliesAFreshBatchOnceArchivesItAndAcknowledgesIt() throws IOException {
    EncodedBatch batch = send(1, setting("a"), setting("b"));

    List<ImportOutcome> outcomes = inbound.scan(appliers);

    assertThat(outcomes).containsExactly(new ImportOutcome.Imported(batch.manifest(), 2, 0));
    assertThat(applied()).containsExactly("a", "b");
    assertThat(folders.archive().resolve(batch.manifestFileName())).exists();
    assertThat(folders.inbox().resolve(batch.manifestFileName())).doesNotExist();
    assertThat(inbound.acks())
        .containsExactly(new ChannelAck(Channel.DIRECTORY, sender, 1, List.of()));
    assertThat(outcomes("APPLIED")).isEqualTo(1);
  }

  @Test
  void handsEachApplierItsBatchWithTheLedgerRowAndTheArrival() throws IOException {
    EncodedBatch batch = send(1, setting("a"), setting("b"));
    List<AppliedBatch> seen = new ArrayList<>();

    inbound.scan(Map.of(Channel.DIRECTORY, (record, applied) -> seen.add(applied)));

    long ledgerId =
        jdbc.sql("select id from inbound_batches where sequence = 1 and outcome = 'APPLIED'")
            .query(Long.class)
            .single();
    assertThat(seen)
        .hasSize(2)
        .allSatisfy(
            applied -> {
              assertThat(applied.manifest()).isEqualTo(batch.manifest());
              assertThat(applied.ledgerId()).isEqualTo(ledgerId);
              assertThat(applied.receivedAt())
                  .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
            });
  }

  @Test
  void recognisesADuplicateAndNeverAppliesItTwice() throws IOException {
    EncodedBatch batch = send(1, setting("a"));
    inbound.scan(appliers);
    peer.resend(batch); // the medium delivers it again

    assertThat(inbound.scan(appliers))
        .containsExactly(new ImportOutcome.Duplicate(batch.manifest()));
    assertThat(applied()).hasSize(1);
    assertThat(outcomes("DUPLICATE")).isEqualTo(1);
  }

  @Test
  void acceptsANewEpochOfAPeerWhoseDatabaseWasRebuiltFromSequenceOne() throws IOException {
    send(1, setting("a"));
    send(2, setting("b"));
    inbound.scan(appliers);
    TestPeer rebuilt = new TestPeer(folders.inbox(), sender.nodeId());

    EncodedBatch first = rebuilt.publish(Channel.DIRECTORY, 1, List.of(), setting("c"));

    assertThat(inbound.scan(appliers))
        .containsExactly(new ImportOutcome.Imported(first.manifest(), 1, 0));
    assertThat(applied()).containsExactly("a", "b", "c");
    assertThat(inbound.acks())
        .containsExactlyInAnyOrder(
            new ChannelAck(Channel.DIRECTORY, sender, 2, List.of()),
            new ChannelAck(Channel.DIRECTORY, rebuilt.sender(), 1, List.of()));
  }

  @Test
  void quarantinesTheSameSequenceWithOtherContentAsAConflict() throws IOException {
    EncodedBatch original = send(1, setting("a"));
    inbound.scan(appliers);
    EncodedBatch impostor = send(1, setting("evil"));

    List<ImportOutcome> outcomes = inbound.scan(appliers);

    assertThat(outcomes).hasSize(1).first().isInstanceOf(ImportOutcome.Conflict.class);
    assertThat(((ImportOutcome.Conflict) outcomes.get(0)).appliedSha256())
        .isEqualTo(original.manifest().payloadSha256());
    assertThat(applied()).containsExactly("a");
    assertThat(Files.readString(folders.failed().resolve(impostor.manifestFileName() + ".reason")))
        .startsWith("conflict");
    assertThat(
            jdbc.sql("select raw from quarantined_records where record_id = 'evil'")
                .query(String.class)
                .single())
        .contains("\"type\":\"setting\"");
  }

  @Test
  void refusesADamagedBatchWithAReasonAndStillTakesTheGenuineRetransmission() throws IOException {
    EncodedBatch batch = send(1, setting("a"));
    Path payload = folders.inbox().resolve(batch.payloadFileName());
    byte[] bytes = Files.readAllBytes(payload);
    bytes[bytes.length / 2] ^= 4;
    Files.write(payload, bytes);

    List<ImportOutcome> outcomes = inbound.scan(appliers);

    assertThat(outcomes).hasSize(1).first().isInstanceOf(ImportOutcome.Rejected.class);
    assertThat(((ImportOutcome.Rejected) outcomes.get(0)).reason())
        .isEqualTo(RejectionReason.CHECKSUM_MISMATCH);
    assertThat(outcomes("REJECTED")).isEqualTo(1);
    assertThat(Files.readString(folders.failed().resolve(batch.manifestFileName() + ".reason")))
        .startsWith("checksum_mismatch");
    assertThat(applied()).isEmpty();

    peer.resend(batch);
    assertThat(inbound.scan(appliers)).first().isInstanceOf(ImportOutcome.Imported.class);
    assertThat(applied()).hasSize(1);
  }

  @Test
  void quarantinesAnInvalidRecordAndAppliesTheRest() throws IOException {
    // A setting without its value: the writer would never produce it, so it is written raw.
    EncodedBatch batch = send(1, setting("good"));
    Path payload = folders.inbox().resolve(batch.payloadFileName());
    String line = "{\"type\":\"setting\",\"id\":\"no-value\",\"version\":1}\n";
    peer.rewritePayload(batch, Files.readString(payload) + line, 2);

    List<ImportOutcome> outcomes = inbound.scan(appliers);

    assertThat(outcomes).first().isInstanceOf(ImportOutcome.Imported.class);
    ImportOutcome.Imported imported = (ImportOutcome.Imported) outcomes.get(0);
    assertThat(imported.applied()).isEqualTo(1);
    assertThat(imported.quarantined()).isEqualTo(1);
    assertThat(
            jdbc.sql("select reason from quarantined_records where record_id = 'no-value'")
                .query(String.class)
                .single())
        .contains("missing required field 'value'");
  }

  @Test
  void tellsTheFeatureAboutAnInvalidRecordInTheSameTransaction() throws IOException {
    EncodedBatch batch = send(1, setting("good"));
    Path payload = folders.inbox().resolve(batch.payloadFileName());
    peer.rewritePayload(
        batch, Files.readString(payload) + "{\"type\":\"setting\",\"id\":\"bad\"}\n", 2);
    List<String> refused = new ArrayList<>();
    RecordApplier applier =
        new RecordApplier() {
          @Override
          public void apply(TransferRecord record, AppliedBatch batch) {}

          @Override
          public void refused(RecordLine.Invalid line, AppliedBatch batch) {
            refused.add(line.type() + " " + line.id() + " line " + line.lineNumber());
          }
        };

    inbound.scan(Map.of(Channel.DIRECTORY, applier));

    assertThat(refused).containsExactly("setting bad line 2");
  }

  @Test
  void marksWhatThePeerAcknowledgesOfThisNodesBatches() throws IOException {
    for (long sequence = 1; sequence <= 3; sequence++) {
      jdbc.sql(
              """
              insert into outbound_batches (sender_epoch, channel, sequence, batch_id, record_count,
                  payload_file, compression, state)
              values (:epoch, 'requests', :sequence, gen_random_uuid(), 0, 'p', 'none', 'PUBLISHED')""")
          .param("epoch", SELF.epoch())
          .param("sequence", sequence)
          .update();
    }
    List<ChannelAck> acks =
        List.of(
            new ChannelAck(Channel.REQUESTS, SELF, 2, List.of()),
            // An ack of another epoch of this node (its database was rebuilt) is not about these.
            new ChannelAck(
                Channel.REQUESTS, new SenderEpoch("request", "old-epoch"), 3, List.of()));

    publish(1, acks, setting("a"));
    inbound.scan(appliers);

    assertThat(
            jdbc.sql(
                    "select sequence from outbound_batches where state = 'ACKNOWLEDGED'"
                        + " and acknowledged_at is not null order by sequence")
                .query(Long.class)
                .list())
        .containsExactly(1L, 2L);
  }

  @Test
  void appliesNothingOfABatchWhoseApplicationFailsLeavesItInTheInboxAndGoesOn() throws IOException {
    EncodedBatch failing = send(1, setting("first"), setting("explode"));
    EncodedBatch next = send(2, setting("second"));

    List<ImportOutcome> outcomes = inbound.scan(appliers);

    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(0)).isInstanceOf(ImportOutcome.Failed.class);
    assertThat(((ImportOutcome.Failed) outcomes.get(0)).reason()).contains("the feature failed");
    assertThat(outcomes.get(1)).isEqualTo(new ImportOutcome.Imported(next.manifest(), 1, 0));
    assertThat(folders.inbox().resolve(failing.manifestFileName())).exists();
    assertThat(applied()).containsExactly("second");
    assertThat(outcomes("APPLIED")).isEqualTo(1);
    assertThat(inbound.acks())
        .containsExactly(new ChannelAck(Channel.DIRECTORY, sender, 0, List.of(1L)));
  }

  @Test
  void aLargeBatchIsReadAheadAppliedInOrderAndAppliesNothingWhenARecordFailsLate()
      throws IOException {
    // More than one run (RecordApplier.MAX_RUN): read and prepared on a thread of its own.
    TransferRecord[] records = new TransferRecord[2_500];
    for (int i = 0; i < records.length; i++) {
      records[i] = setting("r" + i);
    }
    TransferRecord[] failing = records.clone();
    failing[2_200] = setting("explode");
    send(1, failing);
    send(2, records);

    List<ImportOutcome> outcomes = inbound.scan(appliers);

    assertThat(outcomes.get(0)).isInstanceOf(ImportOutcome.Failed.class);
    assertThat(outcomes.get(1)).isInstanceOf(ImportOutcome.Imported.class);
    assertThat(jdbc.sql("select id from applied_records order by ctid").query(String.class).list())
        .containsExactlyElementsOf(Arrays.stream(records).map(TransferRecord::id).toList());
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().equals("airlock-inbox-read"));
  }

  @Test
  void acceptsBatchesOutOfOrderAndReportsTheGap() throws IOException {
    send(3, setting("c"));
    send(1, setting("a"));

    inbound.scan(appliers);

    assertThat(inbound.acks())
        .containsExactly(new ChannelAck(Channel.DIRECTORY, sender, 1, List.of(2L)));
    send(2, setting("b"));
    inbound.scan(appliers);
    assertThat(inbound.acks())
        .containsExactly(new ChannelAck(Channel.DIRECTORY, sender, 3, List.of()));
  }

  private EncodedBatch send(long sequence, TransferRecord... records) throws IOException {
    return publish(sequence, List.of(), records);
  }

  private EncodedBatch publish(long sequence, List<ChannelAck> acks, TransferRecord... records)
      throws IOException {
    return peer.publish(Channel.DIRECTORY, sequence, acks, records);
  }

  private static SettingRecord setting(String key) {
    return new SettingRecord(key, "v", 1);
  }

  private List<String> applied() {
    return jdbc.sql("select id from applied_records").query(String.class).list();
  }

  private int outcomes(String outcome) {
    return jdbc.sql("select count(*) from inbound_batches where outcome = :o")
        .param("o", outcome)
        .query(Integer.class)
        .single();
  }

  @Test
  void leavesBatchesOfAChannelWithoutAHandlerInTheInbox() throws IOException {
    EncodedBatch batch = send(1, setting("a"));

    assertThat(inbound.scan(Map.of())).isEmpty();

    assertThat(folders.inbox().resolve(batch.manifestFileName())).exists();
    assertThat(outcomes("APPLIED")).isZero();
  }
}
