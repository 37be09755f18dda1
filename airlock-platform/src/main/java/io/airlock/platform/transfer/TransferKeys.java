package io.airlock.platform.transfer;

import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's signing key and the keys it trusts. A missing own key pair is generated (and the
 * operator told where the public half is); a configured but unreadable key stops the start-up, as
 * running with keys other than the ones configured would be worse than not running.
 */
final class TransferKeys {

  private static final Logger log = LoggerFactory.getLogger(TransferKeys.class);

  private TransferKeys() {}

  static BatchSigner signer(Path privateKey, Path publicKey) {
    try {
      boolean hasPrivate = Files.exists(privateKey);
      boolean hasPublic = Files.exists(publicKey);
      if (!hasPrivate && !hasPublic) {
        Files.createDirectories(privateKey.toAbsolutePath().getParent());
        Files.createDirectories(publicKey.toAbsolutePath().getParent());
        PemKeys.write(PemKeys.generate(), privateKey, publicKey);
        log.info(
            "Generated this node's batch signing key; give {} to the other side as a trusted key",
            publicKey);
      } else if (!hasPrivate || !hasPublic) {
        throw new IllegalStateException(
            "Only half of the signing key pair exists: "
                + (hasPrivate ? publicKey : privateKey)
                + " is missing");
      }
      BatchSigner signer = BatchSigner.fromPemFiles(privateKey, publicKey);
      log.info("Signing batches with key {} ({})", signer.keyId(), publicKey);
      return signer;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load the batch signing key " + privateKey, e);
    }
  }

  static TrustedKeys trusted(java.util.List<Path> files) {
    try {
      TrustedKeys keys = TrustedKeys.fromPemFiles(files);
      if (keys.keyIds().isEmpty()) {
        log.warn(
            "No trusted keys configured (airlock.transfer.signatures.trusted-keys): every"
                + " incoming batch will be rejected");
      } else {
        log.info("Trusting batches signed by {}", keys.keyIds());
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load the trusted keys " + files, e);
    }
  }
}
