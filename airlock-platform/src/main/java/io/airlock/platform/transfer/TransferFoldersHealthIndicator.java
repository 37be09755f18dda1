package io.airlock.platform.transfer;

import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when a transfer folder is missing or cannot be written, or when writing batches to the
 * outbox fails. Writability is proven by creating and deleting a file: permission bits say nothing
 * when the node runs as root or on a share.
 */
class TransferFoldersHealthIndicator implements HealthIndicator {

  static final String SIGNATURES_OFF =
      "Batch signatures are off (airlock.transfer.signatures.enabled=false): "
          + "batches are neither signed nor verified";

  static final String NO_TRUSTED_KEYS =
      "No trusted keys are configured (airlock.transfer.signatures.trusted-keys): "
          + "every incoming batch will be rejected";

  private final TransferFolders folders;
  private final BatchWriter writer;
  private final SignaturePolicy signatures;
  private final OutboxFailures outboxFailures;

  TransferFoldersHealthIndicator(
      TransferFolders folders,
      BatchWriter writer,
      SignaturePolicy signatures,
      OutboxFailures outboxFailures) {
    this.folders = folders;
    this.writer = writer;
    this.signatures = signatures;
    this.outboxFailures = outboxFailures;
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
    // A folder that takes a probe file can still refuse a batch (a full disk, a share's quota).
    outboxFailures
        .current()
        .ifPresent(
            failure ->
                problems.merge(
                    "outbox",
                    "writing batches to the outbox has failed since "
                        + failure.since()
                        + ": "
                        + failure.reason(),
                    (probe, writes) -> probe + "; " + writes));
    Health.Builder health = problems.isEmpty() ? Health.up() : Health.down();
    if (!problems.isEmpty()) {
      health
          .withDetail("reason", String.join("; ", problems.values()))
          .withDetail("problems", problems);
    }
    health.withDetail("folders", paths);
    if (signatures instanceof SignaturePolicy.Required required) {
      health
          .withDetail("signatures", "on")
          .withDetail("signingKey", writer.keyId().orElseThrow())
          .withDetail("trustedKeys", required.keys().keyIds());
      if (required.keys().keyIds().isEmpty()) {
        health.withDetail("warning", NO_TRUSTED_KEYS);
      }
    } else {
      health.withDetail("signatures", "off").withDetail("warning", SIGNATURES_OFF);
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
