package io.airlock.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A thread-dump profile of the calls under load: samples the stacks of the threads serving them
 * (the benchmark runs the standalone in its own JVM) and counts where they are, by the deepest
 * Airlock frame and what that frame is waiting for or doing below it: one dump every {@code
 * everyMillis}. A dump stops every thread, so a profile is taken in a run of its own, never during
 * a measured one.
 */
final class StackSampler implements AutoCloseable {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Predicate<StackTraceElement[]> serving;
  private final Map<String, Integer> counts = new HashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private int samples;

  /** Samples the threads whose stack has a frame of {@code className}'s {@code method}. */
  static StackSampler of(String className, String method, long everyMillis) {
    return new StackSampler(
        stack -> {
          for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
              return true;
            }
          }
          return false;
        },
        everyMillis);
  }

  /** Samples every thread running Airlock's code, except the benchmark's own. */
  static StackSampler ofAirlock(long everyMillis) {
    return new StackSampler(
        stack -> {
          boolean airlock = false;
          for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("io.airlock.bench.")) {
              return false;
            }
            airlock |= frame.getClassName().startsWith("io.airlock.");
          }
          return airlock;
        },
        everyMillis);
  }

  private StackSampler(Predicate<StackTraceElement[]> serving, long everyMillis) {
    this.serving = serving;
    this.sampler =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-stack-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    ThreadInfo[] infos = threads.dumpAllThreads(false, false, 64);
    synchronized (counts) {
      for (ThreadInfo info : infos) {
        StackTraceElement[] stack = info.getStackTrace();
        if (serving.test(stack)) {
          counts.merge(where(info, stack), 1, Integer::sum);
          samples++;
        }
      }
    }
  }

  /** The deepest Airlock frame, and the frame at the top of the stack (what runs or waits). */
  private static String where(ThreadInfo info, StackTraceElement[] stack) {
    String top = stack.length == 0 ? "?" : frame(stack[0]);
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().startsWith("io.airlock.")) {
        String airlock = frame(frame);
        return airlock.equals(top)
            ? airlock + " (" + info.getThreadState() + ")"
            : airlock + " → " + top + " (" + info.getThreadState() + ")";
      }
    }
    return top + " (" + info.getThreadState() + ")";
  }

  private static String frame(StackTraceElement frame) {
    String className = frame.getClassName();
    return className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethodName();
  }

  /** The most frequent places, as "share place" lines. */
  List<String> summary(int top) {
    synchronized (counts) {
      List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
      sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
      List<String> lines = new ArrayList<>();
      for (Map.Entry<String, Integer> entry : sorted.subList(0, Math.min(top, sorted.size()))) {
        lines.add("%5.1f%%  %s".formatted(100.0 * entry.getValue() / samples, entry.getKey()));
      }
      lines.add("(" + samples + " thread samples)");
      return lines;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }
}
