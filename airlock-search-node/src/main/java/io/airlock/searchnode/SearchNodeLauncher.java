package io.airlock.searchnode;

import java.nio.file.Path;

/**
 * Starts the embedded OpenSearch node of this module in a child JVM.
 *
 * <p>The node cannot share a JVM with Spring Boot 4 (Netty 4.1 against 4.2, log4j2 against
 * logback), so this class and everything it loads stay free of OpenSearch, log4j and Netty: callers
 * may depend on this module with all of its dependencies excluded.
 */
public final class SearchNodeLauncher {

  // Literals rather than references to the node's classes, which must not load in this JVM;
  // SearchNodeLauncherTests checks that they match.
  static final String NODE_MAIN_CLASS = "io.airlock.searchnode.node.SearchNode";
  static final String READY_MARKER = "AIRLOCK_SEARCH_NODE_READY";
  static final String LOG_FILE = "search-node.log";

  /** The embedded OpenSearch node of this module. */
  public static final NodeKind OPENSEARCH =
      new NodeKind(
          "airlock-search-node",
          SearchNodeLauncher.class,
          "META-INF/airlock/search-node.classpath",
          NODE_MAIN_CLASS,
          READY_MARKER,
          LOG_FILE);

  private SearchNodeLauncher() {}

  /**
   * Starts a node and waits until it answers HTTP and, if asked for, holds the sample data.
   *
   * @param dataDir holds the indices, kept across restarts, and the log file {@value #LOG_FILE}
   * @param httpPort the HTTP port on 127.0.0.1, or 0 for a free one
   * @param sampleData load the generated sample indices if the node does not hold them yet
   * @throws SearchNodeStartFailed if the node exits or is not ready within 90 seconds
   */
  public static RunningSearchNode start(Path dataDir, int httpPort, boolean sampleData) {
    return ChildNodeLauncher.start(OPENSEARCH, dataDir, httpPort, sampleData);
  }

  /**
   * The node shared by everything in this JVM, for tests: started on first use with the sample data
   * in a temporary directory, and stopped and deleted when the JVM ends.
   */
  public static RunningSearchNode shared() {
    return ChildNodeLauncher.shared(OPENSEARCH);
  }
}
