package io.airlock.transfer.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Signs manifests with one Ed25519 private key, naming it by the key id of its public half. */
public final class BatchSigner {

  private final PrivateKey privateKey;
  private final String keyId;

  public BatchSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.keyId = PemKeys.keyId(publicKey);
  }

  /** A signer from the two PEM files {@code keygen} writes. */
  public static BatchSigner fromPemFiles(Path privateKey, Path publicKey) throws IOException {
    return new BatchSigner(PemKeys.readPrivateKey(privateKey), PemKeys.readPublicKey(publicKey));
  }

  public String keyId() {
    return keyId;
  }

  public byte[] sign(byte[] content) {
    try {
      Signature signature = Signature.getInstance(PemKeys.ALGORITHM);
      signature.initSign(privateKey);
      signature.update(content);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }
}
