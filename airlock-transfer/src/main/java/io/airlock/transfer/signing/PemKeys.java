package io.airlock.transfer.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Ed25519 keys in PEM files: private keys as PKCS#8 ({@code PRIVATE KEY}), public keys as X.509
 * SubjectPublicKeyInfo ({@code PUBLIC KEY}), the same encodings {@code openssl genpkey -algorithm
 * ed25519} uses.
 */
public final class PemKeys {

  /** The JDK algorithm name. */
  public static final String ALGORITHM = "Ed25519";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemKeys() {}

  /** A fresh Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks Ed25519", e);
    }
  }

  /**
   * The key id of a public key: {@code ed25519:} and the first 16 hex digits of the SHA-256 of its
   * encoding. Derived, so a key can never be filed under another key's id.
   */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "ed25519:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as Bouncy Castle's Ed25519 signs with it. */
  static Ed25519PrivateKeyParameters ed25519(PrivateKey key) {
    return ed25519(
        key.getEncoded(), PrivateKeyFactory::createKey, Ed25519PrivateKeyParameters.class);
  }

  /** The key as Bouncy Castle's Ed25519 verifies with it. */
  static Ed25519PublicKeyParameters ed25519(PublicKey key) {
    return ed25519(key.getEncoded(), PublicKeyFactory::createKey, Ed25519PublicKeyParameters.class);
  }

  private interface Decoder {
    AsymmetricKeyParameter decode(byte[] encoded) throws IOException;
  }

  private static <K> K ed25519(byte[] encoded, Decoder decoder, Class<K> type) {
    try {
      AsymmetricKeyParameter key = decoder.decode(encoded);
      if (!type.isInstance(key)) {
        throw new IllegalArgumentException("Not an Ed25519 key: " + key.getClass().getSimpleName());
      }
      return type.cast(key);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable key", e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) throws IOException {
    byte[] der = readPem(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an Ed25519 private key", e);
    }
  }

  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] der = readPem(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an Ed25519 public key", e);
    }
  }

  /**
   * Writes the private key (readable by the owner only, where the file system allows) and the
   * public key.
   */
  public static void write(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
    Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    try {
      Files.setPosixFilePermissions(
          privateFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the operator protects the file by other means.
    }
    Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] readPem(Path file, String label) throws IOException {
    Matcher matcher = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!matcher.find() || !matcher.group(1).equals(label)) {
      throw new IOException(file + " is not a PEM file with a " + label);
    }
    return Base64.getMimeDecoder().decode(matcher.group(2));
  }
}
