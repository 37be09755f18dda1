package io.airlock.searchnode;

import java.nio.file.Path;

/**
 * TEST SUPPORT ONLY: starts the embedded Elasticsearch 7.17 node of this module in a child JVM,
 * with the same sample indices as {@link SearchNodeLauncher}'s OpenSearch node.
 *
 * <p>Elasticsearch 7.17 cannot share a JVM with Spring Boot 4 (Netty 4.1 against 4.2) nor with
 * OpenSearch (Lucene 8 against 9), so this class and everything it loads stay free of
 * Elasticsearch, log4j and Netty: callers depend on this module with all of its dependencies
 * excluded. The child JVM's plumbing is {@link ChildNodeLauncher}'s.
 */
public final class Elasticsearch7Launcher {

  // Literals rather than references to the node's classes, which must not load in this JVM;
  // Elasticsearch7LauncherTests checks that they match.
  static final String NODE_MAIN_CLASS = "io.airlock.searchnode.node.Elasticsearch7Node";
  static final String READY_MARKER = "AIRLOCK_ES7_NODE_READY";
  static final String LOG_FILE = "search-node-es7.log";

  /** The embedded Elasticsearch 7.17 node of this module. */
  public static final NodeKind ELASTICSEARCH_7 =
      new NodeKind(
          "airlock-search-node-es7",
          Elasticsearch7Launcher.class,
          "META-INF/airlock/search-node-es7.classpath",
          NODE_MAIN_CLASS,
          READY_MARKER,
          LOG_FILE);

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
    return ChildNodeLauncher.start(ELASTICSEARCH_7, dataDir, httpPort, sampleData);
  }

  /**
   * The Elasticsearch 7 node shared by everything in this JVM, for tests: started on first use with
   * the sample data in a temporary directory, and stopped and deleted when the JVM ends.
   */
  public static RunningSearchNode shared() {
    return ChildNodeLauncher.shared(ELASTICSEARCH_7);
  }
}
