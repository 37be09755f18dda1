package io.airlock.platform.transfer;

import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.BatchName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A batch's files as the folders still hold them, for an operator to look at or download: an
 * outbound batch's in {@code outbox/sent/} until it is pruned; an inbound batch's in {@code
 * inbox/archive/}, or in {@code inbox/failed/} with the reason it was refused.
 */
final class BatchFiles {

  private final TransferFolders folders;

  BatchFiles(TransferFolders folders) {
    this.folders = folders;
  }

  /** The outbound batch's manifest and payload, those of them that {@code sent/} still holds. */
  List<Path> of(TransferLedger.ExportBatch batch) {
    BatchName name = batch.name();
    return existing(
        folders.sent(), List.of(name.manifestFileName(), String.valueOf(batch.payloadFile())));
  }

  /**
   * The inbound batch's files, those of them its folder holds: {@code archive/} for an applied or
   * duplicate batch, {@code failed/} (with the reason) for a refused or conflicting one. A name can
   * be in both, when a damaged copy of an applied batch arrived later.
   */
  List<Path> of(TransferLedger.ImportBatch batch) {
    boolean refused = "REJECTED".equals(batch.outcome()) || "CONFLICT".equals(batch.outcome());
    List<String> names = new ArrayList<>();
    names.add(batch.fileName());
    BatchName.parse(batch.fileName())
        .ifPresent(
            parsed -> {
              for (Compression compression : Compression.values()) {
                names.add(parsed.name().payloadFileName(compression));
              }
            });
    if (refused) {
      names.add(batch.fileName() + ".reason");
    }
    return existing(refused ? folders.failed() : folders.archive(), names);
  }

  /** The text of the manifest among {@code files}, if it is there. */
  static Optional<String> manifest(List<Path> files) throws IOException {
    for (Path file : files) {
      if (file.getFileName().toString().endsWith(BatchName.MANIFEST_SUFFIX)) {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** Writes {@code files} to {@code out} as a ZIP archive, each under its own name. */
  static void zip(List<Path> files, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Path file : files) {
        zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }

  /**
   * The regular files of those names in {@code folder}. A name is what the ledger recorded; one
   * that would lead out of the folder (it never should) finds nothing.
   */
  private static List<Path> existing(Path folder, List<String> names) {
    List<Path> found = new ArrayList<>();
    for (String name : names) {
      Path file = folder.resolve(name).normalize();
      if (file.getParent() != null
          && file.getParent().equals(folder)
          && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        found.add(file);
      }
    }
    return found;
  }
}
