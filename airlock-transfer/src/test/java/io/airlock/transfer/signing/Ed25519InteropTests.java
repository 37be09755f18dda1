package io.airlock.transfer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batches are signed and verified with Bouncy Castle's Ed25519: its signatures must be the JDK's,
 * byte for byte, so that keys, signatures and senders of either kind work together.
 */
class Ed25519InteropTests {

  private static final byte[] MANIFEST =
      "{\"channel\":\"requests\",\"sequence\":7}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsWhatTheJdkSignsAndVerifiesTheJdksSignatures() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(keys.getPrivate());
    jdk.update(MANIFEST);
    byte[] byJdk = jdk.sign();
    BatchSigner signer = new BatchSigner(keys.getPrivate(), keys.getPublic());
    TrustedKeys trusted = TrustedKeys.of(List.of(keys.getPublic()));

    assertThat(signer.sign(MANIFEST)).isEqualTo(byJdk);
    assertThat(trusted.verify(signer.keyId(), MANIFEST, byJdk)).isTrue();
  }

  @Test
  void refusesATamperedManifestASignatureOfAnotherKeyAndAMalformedSignature() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    BatchSigner signer = new BatchSigner(keys.getPrivate(), keys.getPublic());
    TrustedKeys trusted = TrustedKeys.of(List.of(keys.getPublic()));
    byte[] signature = signer.sign(MANIFEST);
    byte[] tampered = MANIFEST.clone();
    tampered[tampered.length - 2] = '8';

    assertThat(trusted.verify(signer.keyId(), tampered, signature)).isFalse();
    assertThat(
            trusted.verify(
                signer.keyId(),
                MANIFEST,
                new BatchSigner(other.getPrivate(), other.getPublic()).sign(MANIFEST)))
        .isFalse();
    assertThat(trusted.verify(signer.keyId(), MANIFEST, new byte[12])).isFalse();
    assertThat(trusted.verify(signer.keyId(), MANIFEST, null)).isFalse();
    assertThat(trusted.verify("unknown", MANIFEST, signature)).isFalse();
  }

  @Test
  void refusesKeysOfAnotherAlgorithm() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();

    assertThatThrownBy(() -> TrustedKeys.of(List.of(ec.getPublic())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
