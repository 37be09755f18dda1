package io.airlock.transfer.batch;

import io.airlock.transfer.Entropy;
import io.airlock.transfer.TransferFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seeded random damage of every kind: a damaged batch is always rejected, never partly read. */
class BatchTamperingTests {

  private static final long SEED = 20261122L;

  @ParameterizedTest
  @EnumSource(BatchTampering.class)
  void everyDamagedBatchIsRejected(BatchTampering tampering) throws IOException {
    Random random = new Random(SEED + tampering.ordinal());
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(random));
    for (int i = 0; i < 60; i++) {
      Path outbox = Files.createTempDirectory("tamper");
      try {
        BatchPropertyFuzzTests.assertDamageIsRejected(
            fixtures, outbox, tampering, random.nextInt(), random.nextInt(8));
      } finally {
        BatchPropertyFuzzTests.deleteRecursively(outbox);
      }
    }
  }
}
