package io.airlock.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTests {

  private final List<List<Integer>> writes = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService callers = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  @Test
  void aLoneCallerWritesAtOnceOnItsOwn() {
    GroupCommit<Integer, Void> group = GroupCommit.of(writes::add, 10);

    group.write(1);

    assertThat(writes).containsExactly(List.of(1));
  }

  @Test
  void concurrentCallersShareWritesAndEachItemIsWrittenOnceBeforeItsCallerReturns()
      throws Exception {
    List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, Void> group =
        GroupCommit.of(
            items -> {
              pause(); // a transaction's round trips, during which others queue up
              writes.add(items);
              committed.addAll(items);
            },
            50);
    List<Future<Boolean>> calls =
        writeAtOnce(
            400,
            item -> {
              group.write(item);
              return committed.contains(item);
            });

    for (Future<Boolean> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS))
          .as("committed before its caller returned")
          .isTrue();
    }
    assertThat(committed).hasSize(400).doesNotHaveDuplicates();
    assertThat(writes).as("shared writes").hasSizeLessThan(200);
    assertThat(writes).allSatisfy(write -> assertThat(write).hasSizeLessThanOrEqualTo(50));
  }

  @Test
  void aLeaderWritesWhatQueuedDuringItsWriteBeforeHandingTheLeadOn() throws Exception {
    List<String> writers = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstWriting = new CountDownLatch(1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    GroupCommit<Integer, Void> group =
        GroupCommit.of(
            items -> {
              writers.add(Thread.currentThread().getName());
              writes.add(items);
              if (items.contains(0)) {
                firstWriting.countDown();
                await(othersQueued);
              }
            },
            1);
    Future<?> first = callers.submit(() -> group.write(0));
    firstWriting.await(10, TimeUnit.SECONDS);
    List<Future<?>> queued = new ArrayList<>();
    for (int item = 1; item <= 2; item++) {
      int next = item;
      queued.add(callers.submit(() -> group.write(next)));
    }
    while (group.queued() < 2) {
      Thread.onSpinWait();
    }
    othersQueued.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<?> call : queued) {
      call.get(10, TimeUnit.SECONDS);
    }
    assertThat(writes).containsExactly(List.of(0), List.of(1), List.of(2));
    assertThat(writers)
        .as("written by the first leader, still running")
        .containsOnly(writers.get(0));
  }

  @Test
  void manyCallersWritingFastNeverLoseTheLead() throws Exception {
    GroupCommit<Integer, Void> group = GroupCommit.of(writes::add, 8);
    List<Future<Boolean>> writers = new ArrayList<>();
    for (int thread = 0; thread < 16; thread++) {
      int first = thread * 1_000;
      writers.add(
          callers.submit(
              () -> {
                for (int item = first; item < first + 1_000; item++) {
                  group.write(item);
                }
                return true;
              }));
    }

    for (Future<Boolean> writer : writers) {
      assertThat(writer.get(60, TimeUnit.SECONDS)).as("no caller waits for ever").isTrue();
    }
    assertThat(writes.stream().mapToInt(List::size).sum()).isEqualTo(16_000);
  }

  @Test
  void aBadItemFailsOnlyItsOwnCaller() throws Exception {
    GroupCommit<Integer, Void> group =
        GroupCommit.of(
            items -> {
              pause();
              if (items.contains(13)) {
                throw new IllegalArgumentException("13 is refused");
              }
              writes.add(items);
            },
            50);
    List<Future<Boolean>> calls =
        writeAtOnce(
            40,
            item -> {
              group.write(item);
              return true;
            });

    for (int i = 0; i < 40; i++) {
      Future<Boolean> call = calls.get(i);
      if (i == 13) {
        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(IllegalArgumentException.class);
      } else {
        call.get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(writes.stream().flatMap(List::stream)).hasSize(39).doesNotContain(13);
  }

  @Test
  void eachCallerGetsWhatTheSharedWriteSaidOfItsOwnItemEvenWhenItIsWrittenAgainAlone()
      throws Exception {
    GroupCommit<Integer, String> group =
        new GroupCommit<>(
            items -> {
              pause();
              if (items.size() > 1 && items.contains(7)) {
                throw new IllegalStateException("7 fails a shared write, not its own");
              }
              writes.add(items);
              return items.stream().map(item -> "took " + item).toList();
            },
            50);
    List<Future<Boolean>> calls = writeAtOnce(40, item -> group.write(item).equals("took " + item));

    for (Future<Boolean> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS)).as("its own item's result").isTrue();
    }
    assertThat(writes.stream().flatMap(List::stream)).hasSize(40);
  }

  @Test
  void aWriterThatSaysTooLittleFailsItsCallersWithoutWritingTheirItemsAgain() throws Exception {
    GroupCommit<Integer, String> group =
        new GroupCommit<>(
            items -> {
              pause();
              writes.add(items);
              return List.of();
            },
            50);
    List<Future<Boolean>> calls = writeAtOnce(20, item -> group.write(item) != null);

    for (Future<Boolean> call : calls) {
      assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(writes.stream().flatMap(List::stream)).hasSize(20).doesNotHaveDuplicates();
  }

  /** Items 0 to {@code count - 1}, each written by its own caller, all starting at once. */
  private List<Future<Boolean>> writeAtOnce(int count, Function<Integer, Boolean> write) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int item = i;
      calls.add(
          callers.submit(
              () -> {
                start.await();
                return write.apply(item);
              }));
    }
    start.countDown();
    return calls;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
