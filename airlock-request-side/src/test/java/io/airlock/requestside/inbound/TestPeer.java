package io.airlock.requestside.inbound;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchEncoder;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.OutgoingBatch;
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
 * The response side as this side's tests play it: signs batches with a key the side under test
 * trusts (see {@link Trusted}) and publishes them straight into its inbox; the gap is not under
 * test here. Each peer is a sender epoch of its own, numbering its batches from 1.
 */
public final class TestPeer {

  private static final KeyPair KEYS = PemKeys.generate();
  private static final BatchSigner SIGNER = new BatchSigner(KEYS.getPrivate(), KEYS.getPublic());

  private final TransferFolders folders;
  private final BatchWriter writer;
  private final SenderEpoch sender = new SenderEpoch("response", "test-" + UUID.randomUUID());
  private final Map<Channel, Long> sequences = new EnumMap<>(Channel.class);

  public TestPeer(TransferFolders folders) {
    this.folders = folders;
    this.writer = new BatchWriter(folders.inbox(), SIGNER);
  }

  /** Makes the side under test trust the peer's key. */
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
                  Map.of("airlock.transfer.signatures.trusted-keys", publicKey().toString())));
    }

    private static synchronized Path publicKey() {
      if (publicKey == null) {
        try {
          Path dir = Files.createTempDirectory("airlock-test-peer-");
          publicKey = dir.resolve("response.pub");
          PemKeys.write(KEYS, dir.resolve("response.key"), publicKey);
          dir.toFile().deleteOnExit();
          publicKey.toFile().deleteOnExit();
          dir.resolve("response.key").toFile().deleteOnExit();
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

  /** Publishes the channel's next batch, a snapshot part if {@code snapshot} is set. */
  public EncodedBatch publish(
      Channel channel, SnapshotPart snapshot, List<? extends TransferRecord> records)
      throws IOException {
    long sequence = sequences.merge(channel, 1L, Long::sum);
    return writer.publish(
        new OutgoingBatch(
            channel,
            sequence,
            UUID.randomUUID(),
            sender,
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            records,
            Compression.NONE,
            List.of(),
            Map.of(),
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
    Files.write(folders.inbox().resolve(batch.payloadFileName()), bytes);
    Files.write(
        folders.inbox().resolve(batch.manifestFileName()),
        ManifestCodec.fileBytes(unsigned, SIGNER.sign(unsigned)));
  }

  /** The published payload's text. */
  public String payload(EncodedBatch batch) {
    return new String(batch.payload(), StandardCharsets.UTF_8);
  }
}
