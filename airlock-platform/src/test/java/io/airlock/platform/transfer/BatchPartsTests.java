package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parts of a batch, read in line and read ahead: the same, in the same order. */
class BatchPartsTests {

  private static final AppliedBatch BATCH = null;

  private final List<String> applied = new CopyOnWriteArrayList<>();
  private final List<String> preparedOn = new CopyOnWriteArrayList<>();

  /** Records each run as it is applied, and the thread that prepared it. */
  private final RecordApplier applier =
      new RecordApplier() {
        @Override
        public void apply(TransferRecord record, AppliedBatch batch) {
          applied.add(record.id());
        }

        @Override
        public PreparedRun prepare(List<TransferRecord> run) {
          preparedOn.add(Thread.currentThread().getName());
          return batch -> run.forEach(record -> apply(record, batch));
        }
      };

  @AfterEach
  void noReadAheadThreadIsLeft() {
    assertThat(readAheadThreadAlive()).isFalse();
  }

  @Test
  void runsOfAtMostMaxRunValidRecordsWithTheInvalidLinesBetweenThemInTheBatchsOrder() {
    List<RecordLine> lines = lines(2_500, 1_200);

    for (boolean readAhead : List.of(false, true)) {
      applied.clear();
      List<String> parts = new ArrayList<>();
      try (BatchParts batch = BatchParts.of(lines.iterator(), applier, readAhead)) {
        batch.forEachRemaining(
            part -> {
              if (part instanceof BatchParts.Run run) {
                run.prepared().apply(BATCH);
                parts.add("run of " + run.size());
              } else {
                parts.add("quarantine line " + ((BatchParts.Quarantined) part).line().lineNumber());
              }
            });
      }

      assertThat(parts)
          .as("read ahead: %s", readAhead)
          .containsExactly(
              "run of 1000", "run of 199", "quarantine line 1200", "run of 1000", "run of 300");
      assertThat(applied)
          .containsExactlyElementsOf(
              LongStream.rangeClosed(1, 2_500)
                  .filter(n -> n != 1_200)
                  .mapToObj(n -> "r" + n)
                  .toList());
    }
  }

  @Test
  void readAheadPreparesTheNextRunWhileTheImportAppliesOne() throws InterruptedException {
    CountDownLatch secondPrepared = new CountDownLatch(2);
    RecordApplier counting =
        new RecordApplier() {
          @Override
          public void apply(TransferRecord record, AppliedBatch batch) {}

          @Override
          public PreparedRun prepare(List<TransferRecord> run) {
            preparedOn.add(Thread.currentThread().getName());
            secondPrepared.countDown();
            return batch -> {};
          }
        };

    try (BatchParts batch = BatchParts.of(lines(3_000, 0).iterator(), counting, true)) {
      batch.next();
      // The first run is with the import; the second is prepared meanwhile, not when asked for.
      assertThat(secondPrepared.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(preparedOn).isNotEmpty().allMatch("airlock-inbox-read"::equals);

    preparedOn.clear();
    try (BatchParts batch = BatchParts.of(lines(3_000, 0).iterator(), counting, false)) {
      batch.next();
    }
    assertThat(preparedOn).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void whatTheReadAheadThreadThrowsIsThrownWhereTheImportMeetsIt() {
    IllegalStateException changed = new IllegalStateException("the payload changed");
    Iterator<RecordLine> failing = failingAfter(lines(1_500, 0).iterator(), changed);

    try (BatchParts batch = BatchParts.of(failing, applier, true)) {
      // The first run is complete before the failure, and comes first.
      assertThat(((BatchParts.Run) batch.next()).size()).isEqualTo(1_000);
      assertThatThrownBy(batch::hasNext).isSameAs(changed);
      assertThat(batch.hasNext()).isFalse();
    }
  }

  @Test
  void closingStopsTheReadAheadThreadWhereverItIs() {
    Iterator<RecordLine> endless =
        new Iterator<>() {
          private long line;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public RecordLine next() {
            line++;
            return new RecordLine.Valid(line, new SettingRecord("r" + line, "v", 1));
          }
        };

    try (BatchParts batch = BatchParts.of(endless, applier, true)) {
      batch.next();
      assertThat(readAheadThreadAlive()).isTrue();
    }
    // Checked after each test: the thread is gone once close returns.
  }

  private static List<RecordLine> lines(int count, long invalidLine) {
    List<RecordLine> lines = new ArrayList<>();
    for (long n = 1; n <= count; n++) {
      lines.add(
          n == invalidLine
              ? new RecordLine.Invalid(n, "setting", "r" + n, "value: missing", "{}")
              : new RecordLine.Valid(n, new SettingRecord("r" + n, "v", 1)));
    }
    return lines;
  }

  private static Iterator<RecordLine> failingAfter(
      Iterator<RecordLine> lines, RuntimeException failure) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (!lines.hasNext()) {
          throw failure;
        }
        return true;
      }

      @Override
      public RecordLine next() {
        return lines.next();
      }
    };
  }

  private static boolean readAheadThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals("airlock-inbox-read") && thread.isAlive());
  }
}
