package io.airlock.transfer.batch;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.CrashPoint;
import io.airlock.transfer.signing.BatchSigner;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  private final FileSink files;

  /**
   * @param outbox the outbox folder; {@code sent/} is created inside it on first publication (a
   *     missing or unwritable outbox fails {@link #publish}, never the construction)
   * @param signer signs manifests; null only when signatures are explicitly disabled
   */
  public BatchWriter(Path outbox, BatchSigner signer) {
    this(outbox, signer, FileSink.ATOMIC);
  }

  /**
   * @param files where the files go; {@link FileSink#ATOMIC} but in tests that simulate a full disk
   */
  public BatchWriter(Path outbox, BatchSigner signer, FileSink files) {
    this.outbox = outbox;
    this.sent = outbox.resolve(SENT);
    this.signer = signer;
    this.files = files;
  }

  /** The id of the key manifests are signed with; empty when signatures are disabled. */
  public Optional<String> keyId() {
    return Optional.ofNullable(signer).map(BatchSigner::keyId);
  }

  /**
   * Whether a batch of {@code channel} published here still waits in the outbox, not yet carried
   * across: the gap is behind, so there is no hurry to publish the next one.
   */
  public boolean waiting(Channel channel) {
    try (DirectoryStream<Path> manifests = Files.newDirectoryStream(outbox, manifestsOf(channel))) {
      return manifests.iterator().hasNext();
    } catch (IOException e) {
      // An outbox that cannot be listed cannot be written either: the export that this answer
      // lets go at once fails on its own, and says why.
      return false;
    }
  }

  /** The glob of the manifest files of {@code channel}'s batches. */
  private static String manifestsOf(Channel channel) {
    return channel.wireName() + "-*" + BatchName.MANIFEST_SUFFIX;
  }

  /** Encodes and publishes a batch; returns what was written. */
  public EncodedBatch publish(OutgoingBatch batch) throws IOException {
    EncodedBatch encoded = BatchEncoder.encode(batch, signer);
    if (!Files.isDirectory(sent)) {
      // Not createDirectories: an outbox that is missing (an unmounted share) must fail the
      // publication, not be quietly recreated on the local disk.
      Files.createDirectory(sent);
    }
    files.write(sent, encoded.payloadFileName(), encoded.payload());
    files.write(sent, encoded.manifestFileName(), encoded.manifestFile());
    files.write(outbox, encoded.payloadFileName(), encoded.payload());
    CrashPoint.AFTER_PAYLOAD_RENAME.reach();
    files.write(outbox, encoded.manifestFileName(), encoded.manifestFile());
    CrashPoint.AFTER_MANIFEST_RENAME.reach();
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
        files.write(outbox, payload.getFileName().toString(), Files.readAllBytes(payload));
        files.write(outbox, name.manifestFileName(), Files.readAllBytes(manifest));
        return true;
      }
    }
    return false;
  }

  /**
   * The batches of {@code channel} with a sequence from {@code from} to {@code to} that {@code
   * sent/} still holds, ascending: what an operator can re-send by hand over a one-way medium.
   */
  public List<BatchName> archived(Channel channel, long from, long to) throws IOException {
    List<BatchName> names = new ArrayList<>();
    if (!Files.isDirectory(sent)) {
      return names;
    }
    try (DirectoryStream<Path> manifests = Files.newDirectoryStream(sent, manifestsOf(channel))) {
      for (Path manifest : manifests) {
        BatchName.parseManifest(manifest.getFileName().toString())
            .filter(name -> name.sequence() >= from && name.sequence() <= to)
            .ifPresent(names::add);
      }
    }
    names.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    return names;
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
}
