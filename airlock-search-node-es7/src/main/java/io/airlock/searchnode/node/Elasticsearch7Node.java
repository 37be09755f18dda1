package io.airlock.searchnode.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthResponse;
import org.elasticsearch.core.TimeValue;

/**
 * TEST SUPPORT ONLY: runs an embedded Elasticsearch 7.17 node in this JVM until standard input
 * reaches end of file, the counterpart of {@link SearchNode} for tests against Elasticsearch.
 *
 * <p>Prints {@value #READY_MARKER} followed by the HTTP base URL on standard output once the node
 * answers and the sample data, if asked for, is searchable. Logs go to standard error.
 */
public final class Elasticsearch7Node {

  public static final String READY_MARKER = "AIRLOCK_ES7_NODE_READY";

  private static final TimeValue CLUSTER_TIMEOUT = TimeValue.timeValueSeconds(60);

  private Elasticsearch7Node() {}

  public static void main(String[] args) {
    NodeOptions options;
    try {
      options = NodeOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(NodeOptions.USAGE.replace("SearchNode", "Elasticsearch7Node"));
      System.exit(2);
      return;
    }
    NodeLogging.toStandardError();
    Logger log = LogManager.getLogger(Elasticsearch7Node.class);
    AtomicReference<EmbeddedElasticsearch7> running = new AtomicReference<>();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> close(running.get(), log), "es7-node-shutdown"));
    exitWhenStandardInputCloses();
    try {
      EmbeddedElasticsearch7 node = new EmbeddedElasticsearch7(options);
      running.set(node);
      node.start();
      awaitPrimaries(node);
      if (options.sampleData()) {
        new Elasticsearch7SampleData(node.client()).ensureLoaded();
      }
      System.out.println(READY_MARKER + " http://127.0.0.1:" + node.httpPort());
      System.out.flush();
    } catch (Exception | LinkageError e) {
      log.error("Elasticsearch 7 node failed to start", e);
      close(running.getAndSet(null), log);
      // Last, so that it ends the output tail the launcher puts into its exception.
      log.error("Elasticsearch 7 node failed to start: {}", causes(e));
      System.exit(1);
    }
  }

  private static String causes(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (chain.length() > 0) {
        chain.append(", caused by ");
      }
      chain.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return chain.toString();
  }

  // After a restart the indices are recovered from disk in the background; searching before
  // their primaries are active fails, so READY waits for them.
  private static void awaitPrimaries(EmbeddedElasticsearch7 node) {
    ClusterHealthResponse health =
        node.client()
            .admin()
            .cluster()
            .prepareHealth()
            .setWaitForYellowStatus()
            .setTimeout(CLUSTER_TIMEOUT)
            .get();
    if (health.isTimedOut()) {
      throw new IllegalStateException("cluster not yellow after " + CLUSTER_TIMEOUT);
    }
  }

  // The launcher holds the other end of standard input; when its JVM ends, however it ends,
  // the pipe closes and this node follows instead of living on as an orphan.
  private static void exitWhenStandardInputCloses() {
    Thread watcher =
        new Thread(
            () -> {
              byte[] buffer = new byte[256];
              try (InputStream in = System.in) {
                while (in.read(buffer) != -1) {
                  // Input carries no commands; only its end matters.
                }
              } catch (IOException e) {
                // A broken pipe means the same as end of file.
              }
              System.exit(0);
            },
            "stdin-watch");
    // Non-daemon: Elasticsearch's threads are daemons, so this is what keeps the JVM alive.
    watcher.start();
  }

  private static void close(EmbeddedElasticsearch7 node, Logger log) {
    if (node == null) {
      return;
    }
    try {
      node.close();
      node.awaitClose(20, TimeUnit.SECONDS);
    } catch (IOException | RuntimeException e) {
      log.warn("closing the Elasticsearch 7 node failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
