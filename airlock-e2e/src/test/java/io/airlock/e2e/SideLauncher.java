package io.airlock.e2e;

import io.airlock.platform.testing.AirlockTestInitializer;
import io.airlock.transfer.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a side as its own application context with its own test database, data folder and key
 * pair, trusting its peer's key: the way two sides are set up on either side of a gap.
 */
final class SideLauncher {

  private SideLauncher() {}

  /** A key pair per side folder, named after the folder, e.g. {@code request/keys/request.pub}. */
  static void createKeys(Path... sideDirs) throws IOException {
    for (Path side : sideDirs) {
      Path keys = Files.createDirectories(side.resolve("keys"));
      String name = side.getFileName().toString();
      PemKeys.write(PemKeys.generate(), keys.resolve(name + ".key"), keys.resolve(name + ".pub"));
    }
  }

  static ConfigurableApplicationContext start(
      SpringApplicationBuilder builder, Path dataDir, Path peerDir, String... extra) {
    String peer = peerDir.getFileName().toString();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--airlock.data-dir=" + dataDir,
                "--airlock.transfer.signatures.trusted-keys="
                    + peerDir.resolve("keys/" + peer + ".pub")));
    args.addAll(List.of(extra));
    return builder.initializers(new AirlockTestInitializer()).run(args.toArray(String[]::new));
  }
}
