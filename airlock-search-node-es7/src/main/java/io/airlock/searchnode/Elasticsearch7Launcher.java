package io.airlock.searchnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * TEST SUPPORT ONLY: starts the embedded Elasticsearch 7.17 node of this module in a child JVM,
 * with the same sample indices as {@link SearchNodeLauncher}'s OpenSearch node.
 *
 * <p>Elasticsearch 7.17 cannot share a JVM with Spring Boot 4 (Netty 4.1 against 4.2) nor with
 * OpenSearch (Lucene 8 against 9), so this class and everything it loads stay free of
 * Elasticsearch, log4j and Netty: callers depend on this module with all of its dependencies
 * excluded. It lives in airlock-search-node's package to reuse that module's child-process plumbing
 * ({@link ChildJvm}, {@link ChildOutput}, {@link RunningSearchNode}).
 */
public final class Elasticsearch7Launcher {

  // Literals rather than references to the node's classes, which must not load in this JVM;
  // Elasticsearch7LauncherTests checks that they match.
  static final String NODE_MAIN_CLASS = "io.airlock.searchnode.node.Elasticsearch7Node";
  static final String READY_MARKER = "AIRLOCK_ES7_NODE_READY";

  static final String LOG_FILE = "search-node-es7.log";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private static RunningSearchNode shared;

  private Elasticsearch7Launcher() {}

  /**
   * Starts a node and waits until it answers HTTP and, if asked for, holds the sample data.
   *
   * @param dataDir holds the indices, kept across restarts, and the log file {@value #LOG_FILE}
   * @param httpPort the HTTP port on 127.0.0.1, or 0 for a free one
   * @param sampleData load the generated sample indices if the node does not hold them yet
   * @throws SearchNodeStartFailed if the node exits or is not ready within 90 seconds
   */
  public static RunningSearchNode start(Path dataDir, int httpPort, boolean sampleData) {
    Path dir = dataDir.toAbsolutePath();
    Path logFile = dir.resolve(LOG_FILE);
    ChildJvm child = null;
    ChildOutput output;
    try {
      Files.createDirectories(dir);
      child = ChildJvm.start(command(dir, httpPort, sampleData), dir);
      output = ChildOutput.drain(child.process(), READY_MARKER, logFile);
    } catch (IOException | RuntimeException e) {
      if (child != null) {
        child.stop();
      }
      throw new SearchNodeStartFailed("could not start: " + e.getMessage(), dir, List.of(), e);
    }
    try {
      String url = output.ready().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new RunningSearchNode(child, url, dir, logFile);
    } catch (ExecutionException e) {
      child.stop();
      awaitDrained(output);
      String exit = child.process().isAlive() ? "" : " with code " + child.process().exitValue();
      throw new SearchNodeStartFailed(
          "exited" + exit + " before it was ready", dir, output.tail(), null);
    } catch (TimeoutException e) {
      child.stop();
      throw new SearchNodeStartFailed(
          "not ready after " + READY_TIMEOUT.toSeconds() + " s", dir, output.tail(), null);
    } catch (InterruptedException e) {
      child.stop();
      Thread.currentThread().interrupt();
      throw new SearchNodeStartFailed("interrupted while starting", dir, output.tail(), e);
    }
  }

  /**
   * The Elasticsearch 7 node shared by everything in this JVM, for tests: started on first use with
   * the sample data in a temporary directory, and stopped and deleted when the JVM ends.
   */
  public static synchronized RunningSearchNode shared() {
    if (shared == null || !shared.isAlive()) {
      Path dir;
      try {
        dir = Files.createTempDirectory("airlock-search-node-es7-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      RunningSearchNode node = start(dir, 0, true);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    node.close();
                    deleteTree(dir);
                  },
                  "search-node-es7-shared-cleanup"));
      shared = node;
    }
    return shared;
  }

  private static List<String> command(Path dataDir, int httpPort, boolean sampleData) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Xms256m");
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(Elasticsearch7Classpath.forChild());
    command.add(NODE_MAIN_CLASS);
    command.add("--data-dir");
    command.add(dataDir.toString());
    command.add("--http-port");
    command.add(Integer.toString(httpPort));
    if (sampleData) {
      command.add("--sample-data");
    }
    return command;
  }

  // The same java that runs the caller: it is known to exist and to be new enough.
  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static void awaitDrained(ChildOutput output) {
    try {
      output.awaitDrained(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing a JVM's shutdown for.
    }
  }
}
