package io.airlock.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Warm-up rounds, repeated until this JVM's JIT has mostly done compiling what they run: a scenario
 * timed while the compilers still work shares the two processors with them. One round was not
 * always enough: after one pipeline drain, C2 still took about a sixth of the JVM's processor time
 * in the timed drain, and after one smaller import about a quarter in the first timed import. Both
 * sides run in this JVM, so its compilers serve Airlock's code; a service that has run for a while
 * has compiled it.
 *
 * <p>After each round the compilers get the processors to themselves until they are all but idle
 * (at most a minute): under the load they get a fraction of a processor and fall behind the methods
 * the round made hot, and without the pause they still took a quarter to a third of a processor
 * after twelve pipeline drains; with it, a tenth.
 *
 * <p>The compilers' share is their threads' processor time (Linux's {@code /proc/self/task}), not
 * the JVM's compilation time, which counts a compiler waiting for a processor as compiling.
 */
final class JitWarmup {

  /** One warm-up round; {@code round} counts from 0, so that each can ask its own queries. */
  @FunctionalInterface
  interface Round {
    void run(int round) throws Exception;
  }

  // The compiler threads' processor time against the round's wall time, under which the JIT counts
  // as settled: a tenth of one processor.
  private static final double SETTLED = 0.10;

  // After each round, the compilers are given up to this long to work off the methods the round
  // queued for them, with the processors to themselves: under the load they get a fraction of a
  // processor, and fall behind the methods that become hot.
  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  // How long a look at the compilers' use takes, while they catch up.
  private static final Duration LOOK = Duration.ofMillis(500);

  // Clock ticks a second, as /proc counts a thread's time (USER_HZ, 100 on Linux).
  private static final double TICKS_PER_SECOND = 100;

  private JitWarmup() {}

  /**
   * Runs rounds until in one the compilers use under a tenth of a processor, at most {@code
   * maxRounds}.
   *
   * @return what it took, for the report: the rounds run and the compilers' share in the last
   */
  static String until(int maxRounds, Round round) throws Exception {
    int rounds = 0;
    double share;
    do {
      double compiledBefore = compilerSeconds();
      long start = System.nanoTime();
      round.run(rounds++);
      double wallSeconds = (System.nanoTime() - start) / 1e9;
      share = (compilerSeconds() - compiledBefore) / wallSeconds;
      catchUp();
    } while (share >= SETTLED && rounds < maxRounds);
    return "%d warm-up round%s; in the last, the JIT's compilers used %.0f%% of a processor%s"
        .formatted(
            rounds,
            rounds == 1 ? "" : "s",
            100 * share,
            share >= SETTLED ? " (not settled: stopped at the most rounds allowed)" : "");
  }

  /** Waits, at most {@link #CATCH_UP}, until the compilers are all but idle. */
  private static void catchUp() throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + CATCH_UP.toNanos();
    double used;
    do {
      double before = compilerSeconds();
      Thread.sleep(LOOK.toMillis());
      used = (compilerSeconds() - before) / (LOOK.toNanos() / 1e9);
    } while (used >= SETTLED / 2 && System.nanoTime() < giveUp);
  }

  /** The processor seconds this JVM's compiler threads (C1, C2) have used so far. */
  private static double compilerSeconds() throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.mapToDouble(JitWarmup::compilerSeconds).sum();
    }
  }

  private static double compilerSeconds(Path task) {
    try {
      String name = Files.readString(task.resolve("comm"));
      if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
        return 0;
      }
      String stat = Files.readString(task.resolve("stat"));
      // After the command in parentheses: state is field 3, utime and stime fields 14 and 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException e) {
      return 0; // the thread ended meanwhile
    }
  }
}
