package io.airlock.transfer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.Entropy;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded randomized round trips: what is written reads back identical, byte for byte. */
class BatchRoundTripTests {

  private static final long SEED = 0x5eed_a11_0c4L;

  @TempDir Path outbox;

  @Test
  void everyBatchWrittenReadsBackIdentical() throws IOException {
    Random random = new Random(SEED);
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(random));
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());
    BatchReader reader =
        new BatchReader(
            SignaturePolicy.required(TransferFixtures.trustedKeys()), ReceiveLimits.DEFAULTS);
    for (int i = 0; i < 300; i++) {
      OutgoingBatch batch = fixtures.batch(20);
      EncodedBatch written = writer.publish(batch);

      VerifyResult result = reader.verify(outbox.resolve(written.manifestFileName()));

      assertThat(result).as("seed %d, batch %d", SEED, i).isInstanceOf(VerifyResult.Accepted.class);
      VerifiedBatch verified = ((VerifyResult.Accepted) result).batch();
      assertThat(verified.manifest()).isEqualTo(written.manifest());
      assertThat(readAll(verified)).isEqualTo(batch.records());
    }
  }

  @Test
  void encodingTheSameBatchTwiceGivesIdenticalBytes() {
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(SEED)));
    for (int i = 0; i < 100; i++) {
      OutgoingBatch batch = fixtures.batch(10);

      EncodedBatch first = BatchEncoder.encode(batch, TransferFixtures.signer());
      EncodedBatch second = BatchEncoder.encode(batch, TransferFixtures.signer());

      assertThat(second.payload()).isEqualTo(first.payload());
      assertThat(second.manifestFile()).isEqualTo(first.manifestFile());
    }
  }

  @Test
  void republishingAfterACrashRewritesTheBatchByteIdentical() throws IOException {
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(SEED)));
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());
    OutgoingBatch batch = fixtures.batch(io.airlock.transfer.Channel.REQUESTS, 1, 10);
    EncodedBatch first = writer.publish(batch);
    byte[] payload = Files.readAllBytes(outbox.resolve(first.payloadFileName()));
    // A crash after the payload rename: the manifest never made it.
    Files.delete(outbox.resolve(first.manifestFileName()));

    writer.publish(batch);

    assertThat(Files.readAllBytes(outbox.resolve(first.payloadFileName()))).isEqualTo(payload);
    assertThat(Files.readAllBytes(outbox.resolve(first.manifestFileName())))
        .isEqualTo(first.manifestFile());
  }

  static List<TransferRecord> readAll(VerifiedBatch batch) throws IOException {
    List<TransferRecord> records = new ArrayList<>();
    try (RecordCursor cursor = batch.openRecords()) {
      while (cursor.hasNext()) {
        RecordLine line = cursor.next();
        assertThat(line).isInstanceOf(RecordLine.Valid.class);
        records.add(((RecordLine.Valid) line).record());
      }
    }
    return records;
  }
}
