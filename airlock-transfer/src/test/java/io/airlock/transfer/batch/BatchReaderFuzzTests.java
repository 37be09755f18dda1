package io.airlock.transfer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.airlock.transfer.Channel;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The reader on arbitrary bytes: it returns a value for any input and never throws. */
class BatchReaderFuzzTests {

  private static final String STEM = "results-000000000001-" + new UUID(1, 2);

  @FuzzTest(maxDuration = "60s")
  void readerAnswersArbitraryBytesWithAValue(FuzzedDataProvider data) throws IOException {
    boolean signed = data.consumeBoolean();
    boolean gzip = data.consumeBoolean();
    byte[] manifest = data.consumeBytes(4096);
    byte[] payload = data.consumeRemainingAsBytes();
    Path inbox = Files.createTempDirectory("fuzz-inbox");
    try {
      Files.write(inbox.resolve(STEM + ".manifest.json"), manifest);
      Files.write(inbox.resolve(STEM + (gzip ? ".jsonl.gz" : ".jsonl")), payload);
      BatchReader reader =
          new BatchReader(
              signed
                  ? SignaturePolicy.required(TransferFixtures.trustedKeys())
                  : SignaturePolicy.disabled(),
              ReceiveLimits.DEFAULTS);

      VerifyResult result = reader.verify(inbox.resolve(STEM + ".manifest.json"));

      assertThat(result).isNotNull();
      if (result instanceof VerifyResult.Accepted accepted) {
        try (RecordCursor cursor = accepted.batch().openRecords()) {
          cursor.forEachRemaining(line -> assertThat(line).isNotNull());
        }
      }
    } finally {
      BatchPropertyFuzzTests.deleteRecursively(inbox);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void recordDecoderAnswersArbitraryLinesWithAValue(FuzzedDataProvider data) {
    Channel channel = data.pickValue(Channel.values());
    byte[] line = data.consumeRemainingAsBytes();

    RecordLine decoded = RecordCodec.decode(channel, 1, line);

    assertThat(decoded).isNotNull();
    if (decoded instanceof RecordLine.Valid valid) {
      assertThat(valid.record().type().channel()).isEqualTo(channel);
      // A valid record re-encodes to a line that decodes to the same record.
      byte[] again = RecordCodec.encodeLine(valid.record());
      assertThat(RecordCodec.decode(channel, 1, java.util.Arrays.copyOf(again, again.length - 1)))
          .isEqualTo(new RecordLine.Valid(1, valid.record()));
    }
  }
}
