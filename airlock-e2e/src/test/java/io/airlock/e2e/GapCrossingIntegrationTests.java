package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideApplication;
import io.airlock.responseside.ResponseSideApplication;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchName;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.OutgoingBatch;
import io.airlock.transfer.batch.RecordCursor;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.shuttle.Shuttle;
import io.airlock.transfer.shuttle.ShuttleFaults;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both sides as separate application contexts with separate databases, their own keys and folders,
 * and a faulty shuttle between them: every batch that arrives intact verifies on the other side
 * with the keys each side was configured with, and every damaged one is rejected.
 */
class GapCrossingIntegrationTests {

  @TempDir static Path root;

  private static ConfigurableApplicationContext requestSide;
  private static ConfigurableApplicationContext responseSide;

  @BeforeAll
  static void startBothSides() throws IOException {
    Path requestDir = root.resolve("request");
    Path responseDir = root.resolve("response");
    SideLauncher.createKeys(requestDir, responseDir);
    responseSide =
        SideLauncher.start(ResponseSideApplication.builder(), responseDir, requestDir, List.of())
            .context();
    requestSide =
        SideLauncher.start(RequestSideApplication.builder(), requestDir, responseDir, List.of())
            .context();
  }

  @AfterAll
  static void stopBothSides() {
    for (ConfigurableApplicationContext side :
        new ConfigurableApplicationContext[] {requestSide, responseSide}) {
      if (side != null) {
        side.close();
      }
    }
  }

  @Test
  void intactBatchesVerifyAcrossTheGapAndDamagedOnesAreRejected() throws Exception {
    Path outbox = dataDir(responseSide).resolve("outbox");
    // Not the request side's own inbox, whose importer would take the batches first: this test
    // is about what the request side's configured reader accepts.
    Path inbox = Files.createDirectories(root.resolve("gap"));
    BatchWriter writer = responseSide.getBean(BatchWriter.class);
    SenderEpoch sender = new SenderEpoch("response", "e2e-" + UUID.randomUUID());
    Map<UUID, List<TransferRecord>> sent = new HashMap<>();
    for (long sequence = 1; sequence <= 120; sequence++) {
      List<TransferRecord> records =
          List.of(new SettingRecord("retention.days", String.valueOf(sequence), sequence));
      OutgoingBatch batch =
          new OutgoingBatch(
              Channel.DIRECTORY,
              sequence,
              UUID.randomUUID(),
              sender,
              Instant.now(),
              records,
              sequence % 2 == 0 ? Compression.GZIP : Compression.NONE,
              List.of(),
              Map.of(),
              null);
      writer.publish(batch);
      sent.put(batch.batchId(), records);
    }

    Shuttle shuttle =
        new Shuttle(
            List.of(new Shuttle.Route("response → request", outbox, inbox)),
            new ShuttleFaults(0, 0.2, 0.2, 0.15, 0.15),
            new Random(20261122));
    for (int tick = 0; tick < 10; tick++) {
      shuttle.tick();
    }

    BatchReader reader = requestSide.getBean(BatchReader.class);
    int accepted = 0;
    int rejected = 0;
    for (Path manifest : manifests(inbox)) {
      BatchName name = BatchName.parseManifest(manifest.getFileName().toString()).orElseThrow();
      if (!sent.containsKey(name.batchId())) {
        continue; // the side's own directory exporter publishes into the same outbox
      }
      boolean intact = sameAsSent(manifest, outbox.resolve("sent"));
      VerifyResult result = reader.verify(manifest);
      if (intact) {
        assertThat(result).as(name.stem()).isInstanceOf(VerifyResult.Accepted.class);
        assertThat(records(((VerifyResult.Accepted) result))).isEqualTo(sent.get(name.batchId()));
        accepted++;
      } else {
        assertThat(result).as(name.stem()).isInstanceOf(VerifyResult.Rejected.class);
        rejected++;
      }
    }
    assertThat(accepted + rejected).isEqualTo(120);
    assertThat(rejected).isPositive();
    assertThat(shuttle.stats().truncated() + shuttle.stats().corrupted()).isPositive();
  }

  private static boolean sameAsSent(Path manifest, Path archive) throws IOException {
    BatchName name = BatchName.parseManifest(manifest.getFileName().toString()).orElseThrow();
    for (Compression compression : Compression.values()) {
      Path payload = manifest.resolveSibling(name.payloadFileName(compression));
      if (Files.exists(payload)) {
        return Files.mismatch(manifest, archive.resolve(manifest.getFileName())) == -1
            && Files.mismatch(payload, archive.resolve(payload.getFileName())) == -1;
      }
    }
    return false;
  }

  private static List<TransferRecord> records(VerifyResult.Accepted accepted) throws IOException {
    List<TransferRecord> records = new ArrayList<>();
    try (RecordCursor cursor = accepted.batch().openRecords()) {
      cursor.forEachRemaining(line -> records.add(((RecordLine.Valid) line).record()));
    }
    return records;
  }

  private static List<Path> manifests(Path inbox) throws IOException {
    List<Path> manifests = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, "*.manifest.json")) {
      files.forEach(manifests::add);
    }
    return manifests;
  }

  private static Path dataDir(ConfigurableApplicationContext side) {
    return Path.of(side.getEnvironment().getRequiredProperty("airlock.data-dir"));
  }
}
