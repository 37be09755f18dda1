package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.testing.MovableClock;
import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.testing.TestPostgres;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchName;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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

/** This node's side of the link against a peer that writes straight into its inbox. */
class LinkMaintenanceIntegrationTests {

  private static final KeyPair KEYS = PemKeys.generate();
  private static final LinkProperties LINK =
      new LinkProperties(
          false,
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          Duration.ofMinutes(10),
          Duration.ofSeconds(30),
          Duration.ofDays(7),
          4,
          false);

  @TempDir Path root;

  private final MovableClock clock = new MovableClock(Instant.now());
  private DataSource dataSource;
  private JdbcClient jdbc;
  private TransferFolders folders;
  private OutboundBatches outbound;
  private InboundBatches inbound;
  private LinkMaintenance link;
  private TestPeer peer;
  private SenderEpoch self;

  @BeforeEach
  void setUp() throws IOException {
    dataSource = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    jdbc = JdbcClient.create(dataSource);
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    self =
        new SenderEpoch(
            "response", jdbc.sql("select epoch from sender_identity").query(String.class).single());
    folders = new TransferFolders(root.resolve("outbox"), root.resolve("inbox"));
    folders.create();
    outbound =
        new OutboundBatches(
            jdbc,
            transactions,
            self,
            new BatchWriter(folders.outbox(), new BatchSigner(KEYS.getPrivate(), KEYS.getPublic())),
            new OutboxFailures(clock),
            clock);
    inbound =
        new InboundBatches(
            jdbc,
            transactions,
            new BatchReader(
                SignaturePolicy.required(TrustedKeys.of(List.of(TestPeer.publicKey()))),
                ReceiveLimits.DEFAULTS),
            folders,
            self,
            clock);
    SingletonJobs jobs = SingletonJobs.onDatabase(dataSource, "test-instance");
    link = new LinkMaintenance(jdbc, outbound, inbound, jobs, LINK, clock);
    peer = new TestPeer(folders.inbox(), "request");
  }

  @Test
  void sendsAControlBatchWithItsAcksAndHighestSequencesOnceIdleForTheAckInterval()
      throws IOException {
    sendResults(2);
    peerAcks(1, List.of());

    clock.advance(Duration.ofSeconds(59));
    assertThat(link.runNow()).get().extracting(LinkMaintenance.Run::controlSent).isEqualTo(false);

    clock.advance(Duration.ofSeconds(2));
    assertThat(link.runNow()).get().extracting(LinkMaintenance.Run::controlSent).isEqualTo(true);

    Manifest control = onlyManifest(Channel.CONTROL);
    assertThat(control.sequence()).isEqualTo(1);
    assertThat(control.recordCount()).isZero();
    assertThat(control.highestSent()).isEqualTo(Map.of(Channel.DIRECTORY, 2L));
    assertThat(control.acks())
        .containsExactly(new ChannelAck(Channel.CONTROL, peer.sender(), 1, List.of()));
    assertThat(link.runNow()).get().extracting(LinkMaintenance.Run::controlSent).isEqualTo(false);
  }

  @Test
  void resendsWhatThePeerReportsMissingOnceTheDelayHasPassedAndOnlyOnANewReport()
      throws IOException {
    List<EncodedBatch> sent = sendResults(3);
    clearOutbox(); // the medium took them
    clock.advance(Duration.ofSeconds(1));
    List<ChannelAck> missingTwo = List.of(new ChannelAck(Channel.DIRECTORY, self, 1, List.of(2L)));
    peerAcks(1, missingTwo);

    clock.advance(Duration.ofSeconds(10));
    assertThat(resentNow()).as("within resend-missing-after").isZero();
    clock.advance(Duration.ofSeconds(21));
    assertThat(resentNow()).isEqualTo(1);
    assertThat(Files.readAllBytes(folders.outbox().resolve(sent.get(1).manifestFileName())))
        .as("byte-identical")
        .isEqualTo(sent.get(1).manifestFile());
    assertThat(Files.readAllBytes(folders.outbox().resolve(sent.get(1).payloadFileName())))
        .isEqualTo(sent.get(1).payload());
    assertThat(state(1)).isEqualTo("ACKNOWLEDGED");

    // A report written before the copy arrived still lists it: the second copy waits twice as long.
    clock.advance(Duration.ofSeconds(5));
    peerAcks(2, missingTwo);
    clock.advance(Duration.ofSeconds(30));
    assertThat(resentNow()).as("35 s after the first copy").isZero();
    clock.advance(Duration.ofSeconds(26));
    assertThat(resentNow()).as("61 s after it").isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    assertThat(resentNow()).as("no report since the last copy").isZero();
  }

  @Test
  void resendsWhatAPeerRestoredFromABackupReportsMissingThoughItAcknowledgedItBefore()
      throws IOException {
    List<EncodedBatch> sent = sendResults(3);
    clearOutbox();
    clock.advance(Duration.ofSeconds(1));
    peerAcks(1, List.of(new ChannelAck(Channel.DIRECTORY, self, 3, List.of())));
    assertThat(state(3)).isEqualTo("ACKNOWLEDGED");

    // Its database, restored, holds only the first: the other two are missing again.
    clock.advance(Duration.ofSeconds(5));
    peerAcks(2, List.of(new ChannelAck(Channel.DIRECTORY, self, 1, List.of(2L, 3L))));
    clock.advance(Duration.ofSeconds(31));

    assertThat(resentNow()).isEqualTo(2);
    assertThat(Files.readAllBytes(folders.outbox().resolve(sent.get(2).manifestFileName())))
        .isEqualTo(sent.get(2).manifestFile());
  }

  private int resentNow() throws IOException {
    return link.runNow().orElseThrow().resent();
  }

  @Test
  void aReSendDoesNotPutOffTheControlBatchForItCarriesOldAcks() throws IOException {
    sendResults(2);
    clock.advance(Duration.ofSeconds(1));
    peerAcks(1, List.of(new ChannelAck(Channel.DIRECTORY, self, 1, List.of(2L))));
    clock.advance(Duration.ofSeconds(31));
    assertThat(link.runNow().orElseThrow()).isEqualTo(new LinkMaintenance.Run(1, false, 0));

    clock.advance(Duration.ofSeconds(30));

    assertThat(link.runNow().orElseThrow().controlSent())
        .as("62 s after the last new batch, 30 s after a re-send")
        .isTrue();
  }

  @Test
  void takesTheMissingListOnlyFromThePeersNewestManifest() throws IOException {
    sendResults(3);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    peer.publishAt(
        now,
        Channel.CONTROL,
        2,
        List.of(new ChannelAck(Channel.DIRECTORY, self, 3, List.of())),
        Map.of());
    inbound.scan(Map.of());
    // Written earlier, arrives later: its missing list is stale, and its ack is lower.
    peer.publishAt(
        now.minusSeconds(5),
        Channel.CONTROL,
        1,
        List.of(new ChannelAck(Channel.DIRECTORY, self, 1, List.of(2L))),
        Map.of());
    inbound.scan(Map.of());

    clock.advance(Duration.ofMinutes(1));

    assertThat(link.runNow()).get().extracting(LinkMaintenance.Run::resent).isEqualTo(0);
    assertThat(List.of(state(1), state(2), state(3))).containsOnly("ACKNOWLEDGED");
    assertThat(
            jdbc.sql("select acknowledged from outbound_peer_acks where channel = 'directory'")
                .query(Long.class)
                .single())
        .as("the highest ack kept, the late lower one ignored")
        .isEqualTo(3);
  }

  @Test
  void resendsABatchUnacknowledgedPastTheRetransmitTimeout() throws IOException {
    List<EncodedBatch> sent = sendResults(1);
    clearOutbox();

    // Control batches go out meanwhile (nothing new is sent); only the directory batch counts.
    clock.advance(Duration.ofMinutes(9));
    link.runNow();
    assertThat(timesSent(1)).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    link.runNow();
    assertThat(timesSent(1)).isEqualTo(2);
    assertThat(folders.outbox().resolve(sent.get(0).manifestFileName())).exists();
    clock.advance(Duration.ofMinutes(19));
    link.runNow();
    assertThat(timesSent(1)).as("the second copy waits twice as long").isEqualTo(2);
    clock.advance(Duration.ofMinutes(2));
    link.runNow();
    assertThat(timesSent(1)).isEqualTo(3);
  }

  @Test
  void stopsResendingOnATimeoutAfterTheLastCopyButNotWhenThePeerReportsItMissing()
      throws IOException {
    sendResults(1);
    for (int copy = 2; copy <= 4; copy++) {
      clock.advance(LINK.retransmitTimeout().multipliedBy(1L << (copy - 2)).plusSeconds(1));
      link.runNow();
      assertThat(timesSent(1)).isEqualTo(copy);
    }

    clock.advance(Duration.ofDays(2));
    link.runNow();
    assertThat(timesSent(1)).as("retransmit-copies (4) gone: left to the operator").isEqualTo(4);

    peerAcks(1, List.of(new ChannelAck(Channel.DIRECTORY, self, 0, List.of(1L))));
    clock.advance(Duration.ofMinutes(10));
    link.runNow();
    assertThat(timesSent(1)).as("a report still brings a copy").isEqualTo(5);
  }

  @Test
  void neverResendsAControlBatchAndPrunesItAcknowledgedOrNot() throws IOException {
    assertThat(link.runNow().orElseThrow().controlSent()).isTrue();
    Manifest control = onlyManifest(Channel.CONTROL);
    clearOutbox();

    clock.advance(Duration.ofMinutes(11));
    link.runNow();
    assertThat(manifests(Channel.CONTROL))
        .as("a new control batch, not a copy of the first")
        .singleElement()
        .satisfies(
            file -> assertThat(file.toString()).doesNotContain(control.batchId().toString()));

    clock.advance(LINK.retention().plusMinutes(1));
    assertThat(link.runNow().orElseThrow().pruned()).isEqualTo(2);
    assertThat(
            folders.outbox().resolve(BatchWriter.SENT).resolve(control.name().manifestFileName()))
        .doesNotExist();
  }

  @Test
  void aLostControlBatchIsOutOfDateNotMissingAndALateOneADuplicate() throws IOException {
    peerAcks(1, List.of());
    peerAcks(3, List.of());

    assertThat(inbound.acks())
        .containsExactly(new ChannelAck(Channel.CONTROL, peer.sender(), 3, List.of()));

    peer.publishAt(Instant.now(), Channel.CONTROL, 2, List.of(), Map.of());
    assertThat(inbound.scan(Map.of())).singleElement().isInstanceOf(ImportOutcome.Duplicate.class);
  }

  @Test
  void aOneWayLinkNeverResendsOnItsOwnAndPrunesWhatWasNeverAcknowledged() throws IOException {
    LinkMaintenance oneWay =
        new LinkMaintenance(
            jdbc,
            outbound,
            inbound,
            SingletonJobs.onDatabase(dataSource, "one-way-instance"),
            new LinkProperties(
                false,
                LINK.checkInterval(),
                LINK.ackInterval(),
                LINK.retransmitTimeout(),
                LINK.resendMissingAfter(),
                LINK.retention(),
                LINK.retransmitCopies(),
                true),
            clock);
    List<EncodedBatch> sent = sendResults(1);

    clock.advance(Duration.ofHours(1));
    oneWay.runNow();
    assertThat(timesSent(1)).isEqualTo(1);
    assertThat(oneWay.resend(Channel.DIRECTORY, 1, 1).resent())
        .as("an operator still can")
        .containsExactly(1L);

    clock.advance(LINK.retention());
    oneWay.runNow();
    assertThat(state(1)).isEqualTo("PUBLISHED");
    assertThat(folders.outbox().resolve(BatchWriter.SENT).resolve(sent.get(0).manifestFileName()))
        .doesNotExist();
  }

  private int timesSent(long sequence) {
    return jdbc.sql(
            "select send_count from outbound_batches where channel = 'directory'"
                + " and sequence = :s")
        .param("s", sequence)
        .query(Integer.class)
        .single();
  }

  @Test
  void asksForALostLastBatchOnceTheSendersControlBatchAnnouncedIt() throws IOException {
    peer.publish(Channel.DIRECTORY, 1, List.of(), new SettingRecord("a", "v", 1));
    peer.publishAt(Instant.now(), Channel.CONTROL, 1, List.of(), Map.of(Channel.DIRECTORY, 3L));
    inbound.scan(Map.of(Channel.DIRECTORY, (record, batch) -> {}));

    assertThat(inbound.acks())
        .contains(new ChannelAck(Channel.DIRECTORY, peer.sender(), 1, List.of(2L, 3L)));
  }

  @Test
  void prunesAnAcknowledgedBatchFromTheArchiveOnlyAfterTheRetention() throws IOException {
    List<EncodedBatch> sent = sendResults(2);
    peerAcks(1, List.of(new ChannelAck(Channel.DIRECTORY, self, 1, List.of())));
    Path archive = folders.outbox().resolve(BatchWriter.SENT);

    clock.advance(Duration.ofDays(6));
    assertThat(link.runNow()).get().extracting(LinkMaintenance.Run::pruned).isEqualTo(0);
    clock.advance(Duration.ofDays(2));
    assertThat(link.runNow()).get().extracting(LinkMaintenance.Run::pruned).isEqualTo(1);

    assertThat(archive.resolve(sent.get(0).manifestFileName())).doesNotExist();
    assertThat(archive.resolve(sent.get(1).manifestFileName()))
        .as("never acknowledged: kept however old")
        .exists();
  }

  @Test
  void resendsARangeByHandAndNamesWhatItCannot() throws IOException {
    sendResults(2);
    clearOutbox();

    LinkMaintenance.RangeResent result = link.resend(Channel.DIRECTORY, 1, 3);

    assertThat(result.resent()).containsExactly(1L, 2L);
    assertThat(result.unknown()).containsExactly(3L);
    assertThat(manifests(Channel.DIRECTORY)).hasSize(2);
  }

  private List<EncodedBatch> sendResults(int count) throws IOException {
    List<EncodedBatch> sent = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      sent.add(
          outbound.send(
              Channel.DIRECTORY,
              List.of(new SettingRecord("k" + i, "v", 1)),
              Compression.GZIP,
              ManifestExtras.NONE,
              sequence -> {}));
    }
    return sent;
  }

  /** The peer's control batch {@code sequence}, carrying its acks, taken in. */
  private void peerAcks(long sequence, List<ChannelAck> acks) throws IOException {
    peer.publishAt(Instant.now(), Channel.CONTROL, sequence, acks, Map.of());
    inbound.scan(Map.of());
  }

  private String state(long sequence) {
    return jdbc.sql(
            "select state from outbound_batches where channel = 'directory' and sequence = :s")
        .param("s", sequence)
        .query(String.class)
        .single();
  }

  private void clearOutbox() throws IOException {
    for (Path file : manifests(null)) {
      Files.delete(file);
    }
  }

  private List<Path> manifests(Channel channel) throws IOException {
    List<Path> manifests = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folders.outbox(), "*" + BatchName.MANIFEST_SUFFIX)) {
      for (Path file : files) {
        if (channel == null || file.getFileName().toString().startsWith(channel.wireName())) {
          manifests.add(file);
        }
      }
    }
    return manifests;
  }

  private Manifest onlyManifest(Channel channel) throws IOException {
    List<Path> found = manifests(channel);
    assertThat(found).hasSize(1);
    VerifyResult result =
        new BatchReader(
                SignaturePolicy.required(TrustedKeys.of(List.of(KEYS.getPublic()))),
                ReceiveLimits.DEFAULTS)
            .verify(found.get(0));
    assertThat(result).isInstanceOf(VerifyResult.Accepted.class);
    return ((VerifyResult.Accepted) result).batch().manifest();
  }
}
