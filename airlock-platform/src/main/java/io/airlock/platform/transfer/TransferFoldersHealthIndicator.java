package io.airlock.platform.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when a transfer folder is missing or cannot be written. Writability is proven by creating
 * and deleting a file: permission bits say nothing when the node runs as root or on a share.
 */
class TransferFoldersHealthIndicator implements HealthIndicator {

  static final String SIGNATURES_OFF =
      "Batch signatures are off (airlock.transfer.signatures.enabled=false): "
          + "batches are neither signed nor verified";

  private final TransferFolders folders;
  private final boolean signaturesEnabled;

  TransferFoldersHealthIndicator(TransferFolders folders, boolean signaturesEnabled) {
    this.folders = folders;
    this.signaturesEnabled = signaturesEnabled;
  }

  @Override
  public Health health() {
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    folders
        .all()
        .forEach(
            (name, folder) -> {
              paths.put(name, folder.toString());
              problemWith(folder).ifPresent(problem -> problems.put(name, problem));
            });
    Health.Builder health = problems.isEmpty() ? Health.up() : Health.down();
    if (!problems.isEmpty()) {
      health
          .withDetail("reason", String.join("; ", problems.values()))
          .withDetail("problems", problems);
    }
    health.withDetail("folders", paths).withDetail("signatures", signaturesEnabled ? "on" : "off");
    if (!signaturesEnabled) {
      health.withDetail("warning", SIGNATURES_OFF);
    }
    return health.build();
  }

  private static Optional<String> problemWith(Path folder) {
    if (!Files.exists(folder)) {
      return Optional.of(folder + " is missing");
    }
    if (!Files.isDirectory(folder)) {
      return Optional.of(folder + " is not a directory");
    }
    try {
      // A dot-name with no manifest: never mistaken for a batch by an importer or a shuttle.
      Files.delete(Files.createTempFile(folder, ".airlock-health-", ".tmp"));
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.of(folder + " is not writable: " + e);
    }
  }
}
