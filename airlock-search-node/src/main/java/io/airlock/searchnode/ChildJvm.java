package io.airlock.searchnode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The search node's process, stopped with this JVM at the latest. */
final class ChildJvm {

  // Closing a node with a few thousand documents takes well under a second; the margin is for
  // a loaded machine.
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);

  private final Process process;
  private final Thread shutdownHook;
  private boolean stopped;

  private ChildJvm(Process process) {
    this.process = process;
    this.shutdownHook = new Thread(this::stop, "search-node-stop-" + process.pid());
  }

  static ChildJvm start(List<String> command, Path workingDirectory) throws IOException {
    ChildJvm child =
        new ChildJvm(new ProcessBuilder(command).directory(workingDirectory.toFile()).start());
    Runtime.getRuntime().addShutdownHook(child.shutdownHook);
    return child;
  }

  Process process() {
    return process;
  }

  /** Closing stdin asks the node to close itself; force comes only after {@link #GRACE}. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the child sees end of file either way.
    }
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // This JVM is shutting down; the hook is running or about to, and will find us stopped.
    }
  }
}
