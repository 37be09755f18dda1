package io.airlock.platform.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folders this node exchanges batches through.
 *
 * @param outbox where this node publishes batches
 * @param inbox where batches from the other side arrive
 */
public record TransferFolders(Path outbox, Path inbox) {

  public TransferFolders {
    outbox = outbox.toAbsolutePath().normalize();
    inbox = inbox.toAbsolutePath().normalize();
  }

  /** Published batches kept until acknowledged: what retransmission re-sends. */
  public Path sent() {
    return outbox.resolve("sent");
  }

  /** Received batches, once applied or recognised as duplicates. */
  public Path archive() {
    return inbox.resolve("archive");
  }

  /** Received batches that failed a batch-level check, each with a {@code .reason} file. */
  public Path failed() {
    return inbox.resolve("failed");
  }

  /** Every folder, by the name health reports it under. */
  public Map<String, Path> all() {
    Map<String, Path> folders = new LinkedHashMap<>();
    folders.put("outbox", outbox);
    folders.put("outbox/sent", sent());
    folders.put("inbox", inbox);
    folders.put("inbox/archive", archive());
    folders.put("inbox/failed", failed());
    return folders;
  }

  void create() throws IOException {
    for (Path folder : all().values()) {
      Files.createDirectories(folder);
    }
  }
}
