package io.airlock.platform.testing;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchEncoder;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.OutgoingBatch;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.manifest.ManifestCodec;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The other side as a side's tests play it: signs batches with a key the side under test trusts
 * (see {@link Trusted}) and publishes them straight into its inbox; the gap is not under test
 * there. Each peer is a sender epoch of its own, numbering its batches from 1 per channel.
 */
public final class TestPeer {

  private static final KeyPair KEYS = PemKeys.generate();
  private static final BatchSigner SIGNER = new BatchSigner(KEYS.getPrivate(), KEYS.getPublic());

  private final Path inbox;
  private final BatchWriter writer;
  private final SenderEpoch sender;
  private final Map<Channel, Long> sequences = new EnumMap<>(Channel.class);

  /**
   * @param nodeId the peer's node id, e.g. {@code response} for the request side's tests
   */
  public TestPeer(Path inbox, String nodeId) {
    this.inbox = inbox;
    this.writer = new BatchWriter(inbox, SIGNER);
    this.sender = new SenderEpoch(nodeId, "test-" + UUID.randomUUID());
  }

  /** The peer's signing key, for a reader built by hand. */
  public static PublicKey publicKey() {
    return KEYS.getPublic();
  }

  /**
   * Makes the side under test trust the peer's key, and stops its background import so that a test
   * imports exactly when it says so ({@code InboxImporter.importNow()}).
   */
  public static final class Trusted
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static Path publicKey;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "testPeer",
                  Map.of(
                      "airlock.transfer.signatures.trusted-keys",
                      publicKeyFile().toString(),
                      "airlock.inbox.enabled",
                      "false")));
    }

    private static synchronized Path publicKeyFile() {
      if (publicKey == null) {
        try {
          Path dir = Files.createTempDirectory("airlock-test-peer-");
          publicKey = dir.resolve("peer.pub");
          PemKeys.write(KEYS, dir.resolve("peer.key"), publicKey);
          dir.toFile().deleteOnExit();
          publicKey.toFile().deleteOnExit();
          dir.resolve("peer.key").toFile().deleteOnExit();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return publicKey;
    }
  }

  public EncodedBatch publish(Channel channel, TransferRecord... records) throws IOException {
    return publish(channel, null, List.of(records));
  }

  /** Publishes a batch with the sequence and acks given, as a peer that numbers its own. */
  public EncodedBatch publish(
      Channel channel, long sequence, List<ChannelAck> acks, TransferRecord... records)
      throws IOException {
    return publish(channel, sequence, acks, null, List.of(records));
  }

  /**
   * Publishes a batch made at {@code createdAt} by the peer's clock, with the acks and (for a
   * control batch) the highest sequences sent given.
   */
  public EncodedBatch publishAt(
      Instant createdAt,
      Channel channel,
      long sequence,
      List<ChannelAck> acks,
      Map<Channel, Long> highestSent)
      throws IOException {
    return publish(createdAt, channel, sequence, acks, highestSent, null, List.of());
  }

  /** Delivers a published batch into the inbox again, byte-identical, as a medium may. */
  public void resend(EncodedBatch batch) throws IOException {
    writer.resend(batch.manifest().name());
  }

  /** The peer's sender epoch. */
  public SenderEpoch sender() {
    return sender;
  }

  /** Publishes the channel's next batch, a snapshot part if {@code snapshot} is set. */
  public EncodedBatch publish(
      Channel channel, SnapshotPart snapshot, List<? extends TransferRecord> records)
      throws IOException {
    return publish(channel, sequences.merge(channel, 1L, Long::sum), List.of(), snapshot, records);
  }

  private EncodedBatch publish(
      Channel channel,
      long sequence,
      List<ChannelAck> acks,
      SnapshotPart snapshot,
      List<? extends TransferRecord> records)
      throws IOException {
    return publish(
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        channel,
        sequence,
        acks,
        Map.of(),
        snapshot,
        records);
  }

  private EncodedBatch publish(
      Instant createdAt,
      Channel channel,
      long sequence,
      List<ChannelAck> acks,
      Map<Channel, Long> highestSent,
      SnapshotPart snapshot,
      List<? extends TransferRecord> records)
      throws IOException {
    return writer.publish(
        new OutgoingBatch(
            channel,
            sequence,
            UUID.randomUUID(),
            sender,
            createdAt,
            records,
            Compression.NONE,
            acks,
            highestSent,
            snapshot));
  }

  /**
   * Replaces a published batch's payload with hand-made lines and signs it again, as a faulty but
   * honest sender would: the batch verifies, its bad lines are quarantined.
   */
  public void rewritePayload(EncodedBatch batch, String payload, int records) throws IOException {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    Manifest m = batch.manifest();
    Manifest manifest =
        new Manifest(
            m.formatVersion(),
            m.batchId(),
            m.channel(),
            m.sequence(),
            m.sender(),
            m.createdAt(),
            records,
            m.recordSchemaVersion(),
            m.payloadFile(),
            bytes.length,
            BatchEncoder.sha256Hex(bytes),
            m.compression(),
            m.acks(),
            m.highestSent(),
            m.snapshot(),
            m.keyId());
    byte[] unsigned = ManifestCodec.unsignedBytes(manifest);
    Files.write(inbox.resolve(batch.payloadFileName()), bytes);
    Files.write(
        inbox.resolve(batch.manifestFileName()),
        ManifestCodec.fileBytes(unsigned, SIGNER.sign(unsigned)));
  }

  /** The published payload's text. */
  public String payload(EncodedBatch batch) {
    return new String(batch.payload(), StandardCharsets.UTF_8);
  }
}
