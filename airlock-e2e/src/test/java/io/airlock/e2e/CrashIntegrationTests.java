package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.CrashPoint;
import io.airlock.transfer.batch.AtomicFiles;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.shuttle.ShuttleFaults;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side's JVM really killed — halted on the spot, as by {@code kill -9} — at each named crash
 * point ({@link CrashPoint}: after a batch's allocation, after its payload's and its manifest's
 * rename into the outbox, before and after an import's commit), on its first, second and third pass
 * there, while requests flow; then started again. Every start deletes the temporary files a kill
 * left in its outbox, and at the end every request is answered, its answer applied exactly once, no
 * batch stuck and none missing. The databases live in the test JVM, so they outlive every kill.
 */
class CrashIntegrationTests {

  static final int PASSES = 3;

  private static final List<String> FAST_LINK =
      List.of(
          "--airlock.transfer.link.check-interval=200ms",
          "--airlock.transfer.link.ack-interval=500ms",
          "--airlock.transfer.link.resend-missing-after=2s",
          "--airlock.transfer.link.retransmit-timeout=5s",
          "--airlock.inbox.scan-interval=200ms");

  @TempDir Path root;

  @Test
  void theRequestSideLosesNothingAndAppliesNothingTwiceWhereverItIsKilled() throws Exception {
    killAtEveryCrashPoint(TwoSides.OwnJvm.REQUEST_SIDE);
  }

  @Test
  void theResponseSideLosesNothingAndAppliesNothingTwiceWhereverItIsKilled() throws Exception {
    killAtEveryCrashPoint(TwoSides.OwnJvm.RESPONSE_SIDE);
  }

  private void killAtEveryCrashPoint(TwoSides.OwnJvm victim) throws Exception {
    try (TwoSides airlock = TwoSides.start(root, settings(victim))) {
      Analyst analyst =
          Analyst.signedIn(airlock, "crash" + System.nanoTime() % 100_000, TwoSides.BULK_PROFILE);
      SideProcess side = airlock.ownJvm();
      int kills = 0;
      int submitted = 0;
      for (CrashPoint point : CrashPoint.values()) {
        for (int pass = 1; pass <= PASSES; pass++) {
          side.kill(); // the unarmed first start, or nothing: the last one halted already
          String armed = point.wireName() + ":" + pass;
          List<Path> leftovers = temporaryFiles(side);
          if (side.start(armed)) {
            assertThat(leftovers)
                .as("left by the kill, deleted by the start")
                .noneMatch(Files::exists);
            long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (side.isAlive() && System.nanoTime() < giveUp) {
              analyst.trySubmit(request(submitted++));
              analyst.trySubmit(request(submitted++));
              Thread.sleep(100);
            }
          }
          OptionalInt exit = side.awaitExit(Duration.ofSeconds(10));
          assertThat(exit).as("halted at " + armed).hasValue(CrashPoint.EXIT_STATUS);
          kills++;
        }
      }
      assertThat(kills).isEqualTo(CrashPoint.values().length * PASSES);
      assertRecoveredWhole(airlock, submitted, kills);
    }
  }

  /**
   * Starts the killed side a last time and checks the model: the temporary files the kills left are
   * gone, it takes requests again, every request is answered and its answer applied exactly once,
   * the link settles, and no temporary file was ever imported.
   */
  static void assertRecoveredWhole(TwoSides airlock, int submitted, int kills) throws Exception {
    SideProcess side = airlock.ownJvm();
    List<Path> leftovers = temporaryFiles(side);
    assertThat(leftovers)
        .as("planted in the outbox and its archive")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(side.start(null)).as("starts again after the last kill").isTrue();
    assertThat(leftovers).noneMatch(Files::exists);
    Analyst analyst =
        Analyst.signedIn(airlock, "after" + System.nanoTime() % 100_000, TwoSides.BULK_PROFILE);
    for (int i = 0; i < 3; i++) {
      assertThat(analyst.trySubmit(request(submitted + i))).isPresent();
    }
    long requests = Ledgers.assertEveryRequestAnsweredOnce(airlock);
    System.out.printf(
        "%s killed %d times; %d requests, each answered once%n",
        side.application().getSimpleName(), kills, requests);
    Ledgers.awaitLinkSettled(airlock.requestSideDatabase());
    Ledgers.awaitLinkSettled(airlock.responseSideDatabase());
    for (var database : List.of(airlock.requestSideDatabase(), airlock.responseSideDatabase())) {
      assertThat(
              Ledgers.count(
                  database,
                  "select count(*) from inbound_batches where file_name like '"
                      + AtomicFiles.TEMPORARY_PREFIX
                      + "%'"))
          .as("no temporary file ever imported")
          .isZero();
      assertThat(
              Ledgers.count(
                  database, "select count(*) from inbound_batches where outcome = 'CONFLICT'"))
          .as("every repaired batch was republished byte-identical")
          .isZero();
    }
  }

  static TwoSides.Settings settings(TwoSides.OwnJvm victim) {
    List<String> requestSide = new ArrayList<>(FAST_LINK);
    requestSide.addAll(
        List.of(
            "--airlock.export.batch-trigger=1",
            "--airlock.export.linger=0ms",
            "--airlock.export.max-records=2"));
    List<String> responseSide = new ArrayList<>(FAST_LINK);
    responseSide.addAll(
        List.of(
            "--airlock.results-export.batch-trigger=1",
            "--airlock.results-export.linger=0ms",
            "--airlock.results-export.max-records=2",
            "--airlock.results-export.ack-check-interval=200ms",
            // A request a killed worker was running is taken over soon, not after two minutes.
            "--airlock.executor.lease=5s",
            // Fifteen kills in a minute, some within moments of a start, find the same few
            // requests running more than three times: the limit on runs is there to stop a request
            // that kills its worker, which none of these does.
            "--airlock.executor.max-attempts=50"));
    return new TwoSides.Settings(requestSide, responseSide, ShuttleFaults.NONE, victim);
  }

  static String request(int i) {
    return """
        {"index":"incidents","query_type":"search","priority":%d,
         "query_params":{"query":{"match":{"description":"malware"}},"size":1,"from":%d}}"""
        .formatted(i % 5, i);
  }

  /** What interrupted writes left in the side's outbox and its archive. */
  /**
   * The temporary files in the side's outbox and archive, after planting one more in each as a
   * write interrupted mid-file would leave it: the crash points all come after a rename, so a kill
   * there leaves none of its own, and the start must be seen to delete them all the same.
   */
  static List<Path> temporaryFiles(SideProcess side) throws IOException {
    Path outbox = side.dataDir().resolve("outbox");
    List<Path> found = new ArrayList<>();
    for (Path folder : List.of(outbox, outbox.resolve(BatchWriter.SENT))) {
      if (Files.isDirectory(folder)) {
        Files.writeString(
            folder.resolve(
                AtomicFiles.TEMPORARY_PREFIX + "interrupted-" + System.nanoTime() + ".jsonl"),
            "{\"half\":");
        try (DirectoryStream<Path> files =
            Files.newDirectoryStream(folder, AtomicFiles.TEMPORARY_PREFIX + "*")) {
          files.forEach(found::add);
        }
      }
    }
    return found;
  }
}
