package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test's random-timing companion, a second command because it takes long: a side's JVM is
 * killed ({@code kill -9}) at a random moment while requests flow, {@code airlock.soak.rounds}
 * times (default 40) per side, with the same model checked afterwards. Run it with {@code mvn -pl
 * airlock-e2e verify -Psoak}.
 */
@Tag("soak")
class CrashSoakTests {

  private static final int ROUNDS = Integer.getInteger("airlock.soak.rounds", 40);

  @TempDir Path root;

  @Test
  void theRequestSideSurvivesKillsAtRandomMoments() throws Exception {
    killAtRandom(TwoSides.OwnJvm.REQUEST_SIDE, new Random(11));
  }

  @Test
  void theResponseSideSurvivesKillsAtRandomMoments() throws Exception {
    killAtRandom(TwoSides.OwnJvm.RESPONSE_SIDE, new Random(12));
  }

  private void killAtRandom(TwoSides.OwnJvm victim, Random random) throws Exception {
    try (TwoSides airlock = TwoSides.start(root, CrashIntegrationTests.settings(victim))) {
      Analyst analyst =
          Analyst.signedIn(airlock, "soak" + System.nanoTime() % 100_000, TwoSides.BULK_PROFILE);
      SideProcess side = airlock.ownJvm();
      int submitted = 0;
      for (int round = 0; round < ROUNDS; round++) {
        if (!side.isAlive()) {
          assertThat(side.start(null)).as("round " + round + " starts").isTrue();
        }
        long killAt = System.nanoTime() + (200 + random.nextInt(3_000)) * 1_000_000L;
        while (System.nanoTime() < killAt) {
          analyst.trySubmit(CrashIntegrationTests.request(submitted++));
          Thread.sleep(50 + random.nextInt(100));
        }
        side.kill();
      }
      CrashIntegrationTests.assertRecoveredWhole(airlock, submitted, ROUNDS);
    }
  }
}
