package io.airlock.transfer.batch;

import io.airlock.transfer.Compression;
import io.airlock.transfer.signing.BatchSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Publishes batches to an outbox and keeps them in {@code outbox/sent/} for retransmission.
 *
 * <p>Order of writes: the archive copy first (payload, then manifest), then the outbox payload,
 * then the outbox manifest, which is the commit marker. Each file is written atomically and durably
 * ({@link AtomicFiles}). A crash anywhere leaves either no visible batch or a complete one;
 * publishing the same {@link OutgoingBatch} again repairs it byte-identically.
 */
public final class BatchWriter {

  /** The archive folder inside the outbox. */
  public static final String SENT = "sent";

  private final Path outbox;
  private final Path sent;
  private final BatchSigner signer;

  /**
   * @param outbox the outbox folder; {@code sent/} is created inside it on first publication (a
   *     missing or unwritable outbox fails {@link #publish}, never the construction)
   * @param signer signs manifests; null only when signatures are explicitly disabled
   */
  public BatchWriter(Path outbox, BatchSigner signer) {
    this.outbox = outbox;
    this.sent = outbox.resolve(SENT);
    this.signer = signer;
  }

  /** The id of the key manifests are signed with; empty when signatures are disabled. */
  public Optional<String> keyId() {
    return Optional.ofNullable(signer).map(BatchSigner::keyId);
  }

  /** Encodes and publishes a batch; returns what was written. */
  public EncodedBatch publish(OutgoingBatch batch) throws IOException {
    EncodedBatch encoded = BatchEncoder.encode(batch, signer);
    if (!Files.isDirectory(sent)) {
      // Not createDirectories: an outbox that is missing (an unmounted share) must fail the
      // publication, not be quietly recreated on the local disk.
      Files.createDirectory(sent);
    }
    write(sent, encoded);
    write(outbox, encoded);
    return encoded;
  }

  /**
   * Publishes an archived batch again, byte-identical, from {@code sent/}. Returns false when the
   * archive no longer holds it (pruned, or never published).
   */
  public boolean resend(BatchName name) throws IOException {
    Path manifest = sent.resolve(name.manifestFileName());
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    for (Compression compression : Compression.values()) {
      Path payload = sent.resolve(name.payloadFileName(compression));
      if (Files.isRegularFile(payload, LinkOption.NOFOLLOW_LINKS)) {
        AtomicFiles.write(outbox, payload.getFileName().toString(), Files.readAllBytes(payload));
        AtomicFiles.write(outbox, name.manifestFileName(), Files.readAllBytes(manifest));
        return true;
      }
    }
    return false;
  }

  /** Deletes an acknowledged batch from the archive (manifest first, so no half-batch remains). */
  public void prune(BatchName name) throws IOException {
    Files.deleteIfExists(sent.resolve(name.manifestFileName()));
    for (Compression compression : Compression.values()) {
      Files.deleteIfExists(sent.resolve(name.payloadFileName(compression)));
    }
    AtomicFiles.syncDirectory(sent);
  }

  /** Removes temporary files an interrupted write left behind; call at start-up. */
  public int deleteTemporaryFiles() throws IOException {
    int deleted = AtomicFiles.deleteTemporaryFiles(outbox);
    return Files.isDirectory(sent) ? deleted + AtomicFiles.deleteTemporaryFiles(sent) : deleted;
  }

  private static void write(Path dir, EncodedBatch encoded) throws IOException {
    AtomicFiles.write(dir, encoded.payloadFileName(), encoded.payload());
    AtomicFiles.write(dir, encoded.manifestFileName(), encoded.manifestFile());
  }
}
