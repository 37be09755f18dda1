package io.airlock.e2e;

import io.airlock.platform.testing.AirlockTestInitializer;
import io.airlock.platform.testing.TestPostgres;
import io.airlock.requestside.RequestSideApplication;
import io.airlock.transfer.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;

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

  /** Starts the side in the test JVM, on any free port, with a test database of its own. */
  static InProcessSide start(
      SpringApplicationBuilder builder, Path dataDir, Path peerDir, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("--server.port=0"));
    args.addAll(arguments(dataDir, peerDir, extra));
    return new InProcessSide(
        builder.initializers(new AirlockTestInitializer()).run(args.toArray(String[]::new)));
  }

  /**
   * Starts the side in a JVM of its own, unarmed, with a database of its own on the test JVM's
   * PostgreSQL (migrated with the side's own locations).
   */
  static SideProcess startProcess(
      Class<?> application, Path dataDir, Path peerDir, List<String> extra) throws IOException {
    // As spring.flyway.locations in each side's yml: each side's console keeps its browser
    // sessions in the database too.
    String[] migrations = {
      "classpath:db/migration/platform",
      "classpath:db/migration/console",
      application == RequestSideApplication.class
          ? "classpath:db/migration/request-side"
          : "classpath:db/migration/response-side"
    };
    SideProcess process =
        new SideProcess(
            application,
            dataDir,
            TestPostgres.newDatabase(migrations),
            arguments(dataDir, peerDir, extra));
    try {
      if (!process.start(null)) {
        throw new IllegalStateException(application.getSimpleName() + " died while starting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process;
  }

  private static List<String> arguments(Path dataDir, Path peerDir, List<String> extra) {
    String peer = peerDir.getFileName().toString();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--airlock.data-dir=" + dataDir,
                "--airlock.transfer.signatures.trusted-keys="
                    + peerDir.resolve("keys/" + peer + ".pub")));
    args.addAll(extra);
    return args;
  }
}
