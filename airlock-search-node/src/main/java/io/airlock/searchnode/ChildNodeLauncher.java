package io.airlock.searchnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts a search node of some {@link NodeKind} in a child JVM and waits until it is ready. The
 * engines cannot share a JVM with Spring Boot 4 or with each other, so this class and everything it
 * loads stay free of any engine's classes.
 */
public final class ChildNodeLauncher {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private static final Map<NodeKind, RunningSearchNode> shared = new HashMap<>();

  private ChildNodeLauncher() {}

  /**
   * Starts a node and waits until it answers HTTP and, if asked for, holds the sample data.
   *
   * @param kind which engine
   * @param dataDir holds the indices, kept across restarts, and the node's log file
   * @param httpPort the HTTP port on 127.0.0.1, or 0 for a free one
   * @param sampleData load the generated sample indices if the node does not hold them yet
   * @throws SearchNodeStartFailed if the node exits or is not ready within 90 seconds
   */
  public static RunningSearchNode start(
      NodeKind kind, Path dataDir, int httpPort, boolean sampleData) {
    Path dir = dataDir.toAbsolutePath();
    Path logFile = dir.resolve(kind.logFile());
    ChildJvm child = null;
    ChildOutput output;
    try {
      Files.createDirectories(dir);
      child = ChildJvm.start(command(kind, dir, httpPort, sampleData), dir);
      output = ChildOutput.drain(child.process(), kind.readyMarker(), logFile);
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
   * The node of this kind shared by everything in this JVM, for tests: started on first use with
   * the sample data in a temporary directory, and stopped and deleted when the JVM ends.
   */
  public static synchronized RunningSearchNode shared(NodeKind kind) {
    RunningSearchNode running = shared.get(kind);
    if (running == null || !running.isAlive()) {
      Path dir;
      try {
        dir = Files.createTempDirectory(kind.name() + "-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      RunningSearchNode node = start(kind, dir, 0, true);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    node.close();
                    deleteTree(dir);
                  },
                  kind.name() + "-shared-cleanup"));
      running = node;
      shared.put(kind, node);
    }
    return running;
  }

  private static List<String> command(
      NodeKind kind, Path dataDir, int httpPort, boolean sampleData) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Xms256m");
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(NodeClasspath.forChild(kind));
    command.add(kind.mainClass());
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
