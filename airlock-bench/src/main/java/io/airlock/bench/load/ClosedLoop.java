package io.airlock.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: each of {@code connections} callers sends its next call as soon as its last
 * one is answered, first for a warm-up whose calls are not counted, then for the measured time.
 */
final class ClosedLoop {

  /** One call; true when it got the answer it should have. */
  @FunctionalInterface
  interface Call {
    boolean send(long sequence) throws Exception;
  }

  /** What a run did: calls a second, failed calls, and latency percentiles in milliseconds. */
  record Outcome(int connections, long calls, long failures, double perSecond, double[] latencies) {

    double percentileMs(double percentile) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(percentile / 100 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(index, latencies.length - 1))];
    }

    String summary() {
      return "%,.0f/s, p50 %.1f ms, p99 %.1f ms, %d failed"
          .formatted(perSecond, percentileMs(50), percentileMs(99), failures);
    }
  }

  private ClosedLoop() {}

  /**
   * Sends {@code count} calls from {@code connections} callers, each call with its own sequence
   * number from {@code first}; returns how long it took, or throws if any failed.
   */
  static Duration drain(int connections, long first, long count, Call call)
      throws InterruptedException {
    AtomicLong sequence = new AtomicLong(first);
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread caller =
          new Thread(
              () -> {
                for (long next = sequence.getAndIncrement();
                    next < first + count;
                    next = sequence.getAndIncrement()) {
                  try {
                    if (!call.send(next)) {
                      failures.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                }
              },
              "bench-caller");
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) {
      caller.join();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " of " + count + " calls failed");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  static Outcome run(int connections, Duration warmup, Duration measured, Call call)
      throws InterruptedException {
    AtomicLong sequence = new AtomicLong();
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long end = measureFrom + measured.toNanos();
    List<Caller> callers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Caller caller = new Caller(call, sequence, measureFrom, end);
      callers.add(caller);
      caller.thread.start();
    }
    for (Caller caller : callers) {
      caller.thread.join();
    }
    long calls = callers.stream().mapToLong(c -> c.latencies.size()).sum();
    long failures = callers.stream().mapToLong(c -> c.failures).sum();
    double[] latencies = new double[(int) calls];
    int i = 0;
    for (Caller caller : callers) {
      for (long nanos : caller.latencies.toArray()) {
        latencies[i++] = nanos / 1e6;
      }
    }
    Arrays.sort(latencies);
    double seconds = measured.toNanos() / 1e9;
    // Only answered calls count towards throughput; failed ones still count in the latencies.
    return new Outcome(connections, calls, failures, (calls - failures) / seconds, latencies);
  }

  /** Sends calls one after the other, keeping the latencies of those that ended in time. */
  private static final class Caller implements Runnable {

    final Thread thread = new Thread(this, "bench-caller");
    final Longs latencies = new Longs();
    final Call call;
    final AtomicLong sequence;
    final long measureFrom;
    final long end;
    long failures;

    Caller(Call call, AtomicLong sequence, long measureFrom, long end) {
      this.call = call;
      this.sequence = sequence;
      this.measureFrom = measureFrom;
      this.end = end;
    }

    @Override
    public void run() {
      for (long start = System.nanoTime(); start < end; start = System.nanoTime()) {
        boolean ok;
        try {
          ok = call.send(sequence.getAndIncrement());
        } catch (Exception e) {
          ok = false;
        }
        long done = System.nanoTime();
        if (start >= measureFrom && done <= end) {
          latencies.add(done - start);
          if (!ok) {
            failures++;
          }
        }
      }
    }
  }

  /** A growable array of longs, so that recording a latency allocates nothing most of the time. */
  private static final class Longs {
    private long[] values = new long[4096];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int size() {
      return size;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
