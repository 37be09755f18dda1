package io.airlock.transfer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Entropy;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Properties of the batch format as Jazzer fuzz tests. In the normal test run they replay their
 * corpus (src/test/resources/.../BatchPropertyFuzzTestsInputs); with {@code JAZZER_FUZZ=1} they
 * fuzz. {@link BatchTamperingTests} checks the same properties with seeded random inputs.
 */
class BatchPropertyFuzzTests {

  private static final BatchReader READER =
      new BatchReader(
          SignaturePolicy.required(TransferFixtures.trustedKeys()), ReceiveLimits.DEFAULTS);

  @FuzzTest(maxDuration = "60s")
  void anyBatchWrittenReadsBackIdentical(FuzzedDataProvider data) throws IOException {
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(data));
    Path outbox = Files.createTempDirectory("fuzz-outbox");
    try {
      OutgoingBatch batch = fixtures.batch(8);
      EncodedBatch written = new BatchWriter(outbox, TransferFixtures.signer()).publish(batch);

      VerifyResult result = READER.verify(outbox.resolve(written.manifestFileName()));

      assertThat(result).isInstanceOf(VerifyResult.Accepted.class);
      VerifiedBatch verified = ((VerifyResult.Accepted) result).batch();
      assertThat(verified.manifest()).isEqualTo(written.manifest());
      assertThat(BatchRoundTripTests.readAll(verified)).isEqualTo(batch.records());
    } finally {
      deleteRecursively(outbox);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyDamagedBatchIsRejectedAsAWhole(FuzzedDataProvider data) throws IOException {
    BatchTampering tampering = data.pickValue(BatchTampering.values());
    int position = data.consumeInt();
    int bit = data.consumeInt(0, 7);
    Path outbox = Files.createTempDirectory("fuzz-outbox");
    try {
      assertDamageIsRejected(
          new TransferFixtures(Entropy.of(data)), outbox, tampering, position, bit);
    } finally {
      deleteRecursively(outbox);
    }
  }

  /** Writes two batches, damages the first, and checks that it is rejected with a reason. */
  static void assertDamageIsRejected(
      TransferFixtures fixtures, Path outbox, BatchTampering tampering, int position, int bit)
      throws IOException {
    Channel channel = tampering.appliesToEmptyPayload() ? Channel.REQUESTS : Channel.DIRECTORY;
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());
    EncodedBatch victim = writer.publish(fixtures.batch(channel, 1, 5));
    EncodedBatch other = writer.publish(fixtures.batch(channel, 2, 5));
    if (tampering == BatchTampering.SWAP_PAYLOADS
        && !victim.manifest().compression().equals(other.manifest().compression())) {
      return; // different file names: nothing to swap
    }

    tampering.apply(outbox, victim, other, position, bit);
    VerifyResult result = READER.verify(outbox.resolve(victim.manifestFileName()));

    assertThat(result)
        .as("%s at %d bit %d", tampering, position, bit)
        .isInstanceOf(VerifyResult.Rejected.class);
    assertThat(((VerifyResult.Rejected) result).reason()).isNotNull();
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
