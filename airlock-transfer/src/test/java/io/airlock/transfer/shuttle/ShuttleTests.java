package io.airlock.transfer.shuttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Entropy;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuttleTests {

  @TempDir Path root;

  private Path outbox;
  private Path inbox;
  private BatchWriter writer;
  private final TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(11)));
  private final BatchReader reader =
      new BatchReader(
          SignaturePolicy.required(TransferFixtures.trustedKeys()), ReceiveLimits.DEFAULTS);

  @BeforeEach
  void setUp() throws IOException {
    outbox = Files.createDirectory(root.resolve("outbox"));
    inbox = Files.createDirectory(root.resolve("inbox"));
    writer = new BatchWriter(outbox, TransferFixtures.signer());
  }

  @Test
  void movesCompleteBatchesIntactAndLeavesTheArchiveAlone() throws IOException {
    EncodedBatch batch = writer.publish(fixtures.batch(Channel.REQUESTS, 1, 5));

    int moved = shuttle(ShuttleFaults.NONE).tick();

    assertThat(moved).isEqualTo(1);
    assertThat(reader.verify(inbox.resolve(batch.manifestFileName())))
        .isInstanceOf(VerifyResult.Accepted.class);
    assertThat(names(outbox)).containsExactly("sent");
    assertThat(names(outbox.resolve("sent"))).hasSize(2);
  }

  @Test
  void leavesABatchWithoutItsManifestWhereItIs() throws IOException {
    EncodedBatch batch = writer.publish(fixtures.batch(Channel.REQUESTS, 1, 5));
    Files.delete(outbox.resolve(batch.manifestFileName()));

    assertThat(shuttle(ShuttleFaults.NONE).tick()).isZero();
    assertThat(names(inbox)).isEmpty();
    assertThat(names(outbox)).contains(batch.payloadFileName());
  }

  @Test
  void dropsBatchesAtTheDropRate() throws IOException {
    writer.publish(fixtures.batch(Channel.REQUESTS, 1, 5));
    Shuttle shuttle = shuttle(new ShuttleFaults(1, 0, 0, 0, 0));

    shuttle.tick();

    assertThat(names(inbox)).isEmpty();
    assertThat(shuttle.stats().dropped()).isEqualTo(1);
  }

  @Test
  void duplicatesAndDelaysBatchesOverLaterTicks() throws IOException {
    EncodedBatch batch = writer.publish(fixtures.batch(Channel.REQUESTS, 1, 5));
    Shuttle shuttle = shuttle(new ShuttleFaults(0, 1, 0, 0, 0));

    shuttle.tick();
    Files.delete(inbox.resolve(batch.manifestFileName())); // the receiver consumed it
    for (int i = 0; i < 4; i++) {
      shuttle.tick();
    }

    assertThat(names(inbox)).contains(batch.manifestFileName());
    assertThat(shuttle.stats().duplicated()).isEqualTo(1);
    assertThat(shuttle.stats().delivered()).isEqualTo(2);
  }

  @Test
  void deliversDelayedBatchesAfterLaterOnes() throws IOException {
    EncodedBatch first = writer.publish(fixtures.batch(Channel.REQUESTS, 1, 5));
    Shuttle delaying = shuttle(new ShuttleFaults(0, 0, 1, 0, 0));
    delaying.tick();
    assertThat(names(inbox)).isEmpty();

    for (int i = 0; i < 4; i++) {
      delaying.tick();
    }

    assertThat(names(inbox)).contains(first.manifestFileName());
  }

  @Test
  void truncatedAndCorruptedBatchesArriveDamagedAndAreRejected() throws IOException {
    EncodedBatch truncated = writer.publish(fixtures.batch(Channel.REQUESTS, 1, 5));
    shuttle(new ShuttleFaults(0, 0, 0, 1, 0)).tick();
    EncodedBatch corrupted = writer.publish(fixtures.batch(Channel.REQUESTS, 2, 5));
    shuttle(new ShuttleFaults(0, 0, 0, 0, 1)).tick();

    assertThat(reader.verify(inbox.resolve(truncated.manifestFileName())))
        .isInstanceOf(VerifyResult.Rejected.class);
    assertThat(reader.verify(inbox.resolve(corrupted.manifestFileName())))
        .isInstanceOf(VerifyResult.Rejected.class);
  }

  @Test
  void runsOnItsOwnUntilClosed() throws Exception {
    EncodedBatch batch = writer.publish(fixtures.batch(Channel.REQUESTS, 1, 5));
    try (Shuttle shuttle = shuttle(ShuttleFaults.NONE)) {
      shuttle.start(Duration.ofMillis(10));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.exists(inbox.resolve(batch.manifestFileName())));
    }
  }

  private Shuttle shuttle(ShuttleFaults faults) {
    return new Shuttle(
        List.of(new Shuttle.Route("low-to-high", outbox, inbox)), faults, new Random(5));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
