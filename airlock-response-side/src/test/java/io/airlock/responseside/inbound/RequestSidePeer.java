package io.airlock.responseside.inbound;

import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The request side these tests play: one key pair for the JVM, which the response side is set to
 * trust, with the background import off so that a test imports exactly when it says so.
 */
public class RequestSidePeer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final KeyPair KEYS = PemKeys.generate();
  private static Path publicKey;

  static BatchSigner signer() {
    return new BatchSigner(KEYS.getPrivate(), KEYS.getPublic());
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "requestSidePeer",
                Map.of(
                    "airlock.transfer.signatures.trusted-keys",
                    publicKey().toString(),
                    "airlock.inbox.enabled",
                    "false")));
  }

  private static synchronized Path publicKey() {
    if (publicKey == null) {
      try {
        Path dir = Files.createTempDirectory("airlock-request-peer-");
        Path key = dir.resolve("request.pub");
        PemKeys.write(KEYS, dir.resolve("request.key"), key);
        dir.toFile().deleteOnExit();
        key.toFile().deleteOnExit();
        dir.resolve("request.key").toFile().deleteOnExit();
        publicKey = key;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return publicKey;
  }
}
