package io.airlock.searchnode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads the child's standard output and error for its whole life. A pipe nobody reads fills up and
 * then blocks the child's logging, so both are copied to a log file even after READY.
 */
final class ChildOutput {

  private static final int TAIL_LINES = 30;

  private final String readyMarker;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final CountDownLatch drained = new CountDownLatch(2);
  private final BufferedWriter log;
  private boolean logBroken;

  private ChildOutput(String readyMarker, BufferedWriter log) {
    this.readyMarker = readyMarker + " ";
    this.log = log;
  }

  static ChildOutput drain(Process process, String readyMarker, Path logFile) throws IOException {
    BufferedWriter log =
        Files.newBufferedWriter(
            logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ChildOutput output = new ChildOutput(readyMarker, log);
    output.pump(process.getInputStream(), "search-node-stdout", true);
    output.pump(process.getErrorStream(), "search-node-stderr", false);
    return output;
  }

  /** Completes with what follows the READY marker, or exceptionally once stdout has ended. */
  CompletableFuture<String> ready() {
    return ready;
  }

  /** Waits for both streams to end, so that {@link #tail()} holds the child's last words. */
  void awaitDrained(Duration timeout) throws InterruptedException {
    drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  private void pump(InputStream stream, String threadName, boolean watchForReady) {
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  record(line);
                  if (watchForReady && line.startsWith(readyMarker)) {
                    ready.complete(line.substring(readyMarker.length()).strip());
                  }
                }
              } catch (IOException e) {
                // The child is gone; what it wrote before is already recorded.
              } finally {
                if (watchForReady) {
                  ready.completeExceptionally(new IllegalStateException("standard output ended"));
                }
                drained.countDown();
                if (drained.getCount() == 0) {
                  closeLog();
                }
              }
            },
            threadName);
    // The caller's JVM must be able to exit while the child still runs.
    pump.setDaemon(true);
    pump.start();
  }

  private synchronized void record(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
    if (logBroken) {
      return;
    }
    try {
      log.write(line);
      log.newLine();
      log.flush();
    } catch (IOException e) {
      // Keep draining without the file: a full disk must not block the child.
      logBroken = true;
    }
  }

  private synchronized void closeLog() {
    try {
      log.close();
    } catch (IOException e) {
      logBroken = true;
    }
  }
}
