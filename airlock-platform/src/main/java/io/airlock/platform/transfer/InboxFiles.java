package io.airlock.platform.transfer;

import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.BatchName;
import io.airlock.transfer.batch.VerifiedBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The inbox's files once a batch is dealt with: archived when it was applied or was a duplicate,
 * moved to {@code failed/} with a {@code .reason} file when it was refused or conflicts.
 */
final class InboxFiles {

  private final TransferFolders folders;

  InboxFiles(TransferFolders folders) {
    this.folders = folders;
  }

  /**
   * Moves a refused batch's files, whatever is there of them, into {@code failed/} with a reason.
   */
  void refuse(Path manifestFile, String reason) throws IOException {
    Path failed = folders.failed();
    BatchName.parse(String.valueOf(manifestFile.getFileName()))
        .ifPresent(
            parsed -> {
              for (Compression compression : Compression.values()) {
                moveIfPresent(
                    manifestFile.resolveSibling(parsed.name().payloadFileName(compression)),
                    failed);
              }
            });
    moveIfPresent(manifestFile, failed);
    Files.writeString(
        failed.resolve(manifestFile.getFileName() + ".reason"), reason, StandardCharsets.UTF_8);
  }

  /** Moves an applied (or duplicate) batch into {@code archive/}. */
  void archive(VerifiedBatch batch) throws IOException {
    move(batch, folders.archive());
  }

  /** Moves a batch that was not applied into {@code failed/}, with the reason beside it. */
  void fail(VerifiedBatch batch, String reason) throws IOException {
    moveWithReason(batch, folders.failed(), reason);
  }

  private static void moveWithReason(VerifiedBatch batch, Path target, String reason)
      throws IOException {
    move(batch, target);
    Files.writeString(
        target.resolve(batch.manifestFile().getFileName() + ".reason"),
        reason + "\n",
        StandardCharsets.UTF_8);
  }

  private static void move(VerifiedBatch batch, Path target) throws IOException {
    // Manifest first: a payload left behind by a crash is no batch (it has no manifest) and is
    // overwritten by any retransmission, whereas a lone manifest would be refused as incomplete.
    Files.move(
        batch.manifestFile(),
        target.resolve(batch.manifestFile().getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        batch.payloadFile(),
        target.resolve(batch.payloadFile().getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void moveIfPresent(Path file, Path target) {
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
