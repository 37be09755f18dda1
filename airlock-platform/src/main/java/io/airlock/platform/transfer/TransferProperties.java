package io.airlock.platform.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where batches leave and arrive, and how they are signed.
 *
 * @param outbox where this node publishes its batches (published ones are kept in {@code sent/});
 *     defaults to {@code <airlock.data-dir>/outbox}
 * @param inbox where batches from the other side arrive (then moved to {@code archive/} or {@code
 *     failed/}); defaults to {@code <airlock.data-dir>/inbox}
 * @param signatures signing of outgoing and verification of incoming batches
 * @param unacknowledgedWarning link health warns when a published batch has waited longer than this
 *     for the peer's acknowledgement
 */
@ConfigurationProperties("airlock.transfer")
record TransferProperties(
    Path outbox,
    Path inbox,
    @DefaultValue Signatures signatures,
    @DefaultValue("15m") Duration unacknowledgedWarning) {

  /**
   * @param enabled sign outgoing manifests and verify incoming ones; turning this off is reported
   *     by health as a warning
   * @param privateKey this node's Ed25519 private key (PKCS#8 PEM); defaults to {@code
   *     <airlock.data-dir>/keys/<airlock.node-id>.key}. When neither it nor the public key exists,
   *     a key pair is generated on first start.
   * @param publicKey this node's public key (PEM), the file to give the other side; defaults to
   *     {@code <airlock.data-dir>/keys/<airlock.node-id>.pub}
   * @param trustedKeys the other side's public keys (PEM files); list several to rotate keys with
   *     overlap. With none, every incoming batch is rejected as signed by an unknown key.
   */
  record Signatures(
      @DefaultValue("true") boolean enabled,
      Path privateKey,
      Path publicKey,
      @DefaultValue List<Path> trustedKeys) {}
}
