package io.airlock.transfer.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The public keys a receiver trusts, by key id. Holding several lets keys rotate with overlap: the
 * new key is trusted before the sender switches to it, and the old one removed after.
 */
public final class TrustedKeys {

  private final Map<String, PublicKey> keys;

  private TrustedKeys(Map<String, PublicKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  public static TrustedKeys of(Collection<PublicKey> publicKeys) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    publicKeys.forEach(key -> byId.put(PemKeys.keyId(key), key));
    return new TrustedKeys(byId);
  }

  public static TrustedKeys fromPemFiles(Collection<Path> files) throws IOException {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (Path file : files) {
      PublicKey key = PemKeys.readPublicKey(file);
      byId.put(PemKeys.keyId(key), key);
    }
    return new TrustedKeys(byId);
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  public boolean trusts(String keyId) {
    return keyId != null && keys.containsKey(keyId);
  }

  /** Whether {@code signature} is a valid signature of {@code content} by the trusted key. */
  public boolean verify(String keyId, byte[] content, byte[] signature) {
    PublicKey key = keys.get(keyId);
    if (key == null) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(PemKeys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(content);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
