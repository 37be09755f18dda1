package io.airlock.searchnode;

import java.nio.file.Path;

/**
 * A search node running in its own JVM, started by {@link SearchNodeLauncher}. Closing it stops
 * that JVM; so does the end of this one.
 */
public final class RunningSearchNode implements AutoCloseable {

  private final ChildJvm child;
  private final String url;
  private final Path dataDir;
  private final Path logFile;

  RunningSearchNode(ChildJvm child, String url, Path dataDir, Path logFile) {
    this.child = child;
    this.url = url;
    this.dataDir = dataDir;
    this.logFile = logFile;
  }

  /** The HTTP base URL without a trailing slash, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Where the node's standard output and error are copied. */
  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return child.process().pid();
  }

  public boolean isAlive() {
    return child.process().isAlive();
  }

  /**
   * Closes the node's standard input, which makes it close its indices and exit, and waits for
   * that; kills the process if it has not exited after 20 seconds. Safe to call more than once.
   */
  @Override
  public void close() {
    child.stop();
  }

  @Override
  public String toString() {
    return "RunningSearchNode[" + url + ", pid " + pid() + ", " + dataDir + "]";
  }
}
