package io.airlock.transfer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Entropy;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.RequestRecord;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

class BatchWriterTests {

  @TempDir Path outbox;

  private final TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(9)));

  @Test
  void publishesPayloadAndManifestAndKeepsIdenticalCopiesInTheArchive() throws IOException {
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());

    EncodedBatch batch = writer.publish(fixtures.batch(Channel.RESULTS, 1, 5));

    for (String name : List.of(batch.payloadFileName(), batch.manifestFileName())) {
      assertThat(Files.readAllBytes(outbox.resolve(name)))
          .isEqualTo(Files.readAllBytes(outbox.resolve("sent").resolve(name)));
    }
    assertThat(temporaryFiles(outbox)).isEmpty();
  }

  @Test
  void resendsAnArchivedBatchByteIdenticalUntilItIsPruned() throws IOException {
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());
    EncodedBatch batch = writer.publish(fixtures.batch(Channel.RESULTS, 1, 5));
    Files.delete(outbox.resolve(batch.manifestFileName())); // the shuttle took it
    Files.delete(outbox.resolve(batch.payloadFileName()));

    assertThat(writer.resend(batch.manifest().name())).isTrue();
    assertThat(Files.readAllBytes(outbox.resolve(batch.manifestFileName())))
        .isEqualTo(batch.manifestFile());
    assertThat(Files.readAllBytes(outbox.resolve(batch.payloadFileName())))
        .isEqualTo(batch.payload());

    writer.prune(batch.manifest().name());
    assertThat(writer.resend(batch.manifest().name())).isFalse();
  }

  @Test
  void deletesTemporaryFilesLeftByAnInterruptedWrite() throws IOException {
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());
    Files.createDirectories(outbox.resolve("sent"));
    Files.writeString(outbox.resolve(".tmp-requests-000000000001-x.jsonl-1"), "half");
    Files.writeString(outbox.resolve("sent/.tmp-requests-000000000001-x.manifest.json-2"), "half");

    assertThat(writer.deleteTemporaryFiles()).isEqualTo(2);
    assertThat(temporaryFiles(outbox)).isEmpty();
  }

  @Test
  void cutsBatchesByCountAndByBytesAndSetsAsideOversizedRecords() {
    List<TransferRecord> candidates = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      candidates.add(fixtures.request());
    }
    RequestRecord huge = withParams(fixtures.request(), "x".repeat(5000));
    candidates.add(2, huge);

    BatchCut<TransferRecord> byCount = BatchCut.of(candidates, new SenderLimits(4, 4000));
    assertThat(byCount.included()).hasSize(4).doesNotContain(huge);
    assertThat(byCount.oversized()).containsExactly(huge);

    long firstTwo =
        RecordCodec.encodeLine(candidates.get(0)).length
            + RecordCodec.encodeLine(candidates.get(1)).length;
    BatchCut<TransferRecord> byBytes = BatchCut.of(candidates, new SenderLimits(100, firstTwo));
    assertThat(byBytes.included()).containsExactly(candidates.get(0), candidates.get(1));
  }

  private static RequestRecord withParams(RequestRecord r, String text) {
    return new RequestRecord(
        r.id(),
        r.traceId(),
        r.userId(),
        r.index(),
        r.queryType(),
        JsonNodeFactory.instance.objectNode().put("q", text),
        r.priority(),
        r.submittedAt(),
        r.deadline());
  }

  private static List<Path> temporaryFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList();
    }
  }

  @Test
  void failsToPublishIntoAMissingOutboxWithoutLeavingAnythingBehind() throws IOException {
    Path missing = outbox.resolve("not-mounted");
    BatchWriter writer = new BatchWriter(missing, TransferFixtures.signer());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> writer.publish(fixtures.batch(Channel.REQUESTS, 1, 3)))
        .isInstanceOf(IOException.class);
    assertThat(missing).doesNotExist();
  }
}
