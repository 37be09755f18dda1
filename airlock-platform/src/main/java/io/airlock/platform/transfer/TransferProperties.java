package io.airlock.platform.transfer;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where batches leave and arrive, and whether they are signed.
 *
 * @param outbox where this node publishes its batches (published ones are kept in {@code sent/});
 *     defaults to {@code <airlock.data-dir>/outbox}
 * @param inbox where batches from the other side arrive (then moved to {@code archive/} or {@code
 *     failed/}); defaults to {@code <airlock.data-dir>/inbox}
 * @param signatures signing of outgoing and verification of incoming batches
 */
@ConfigurationProperties("airlock.transfer")
record TransferProperties(Path outbox, Path inbox, @DefaultValue Signatures signatures) {

  /**
   * @param enabled sign outgoing manifests and verify incoming ones; turning this off is reported
   *     by health as a warning
   */
  record Signatures(@DefaultValue("true") boolean enabled) {}
}
