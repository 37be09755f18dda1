package io.airlock.searchnode.node;

import java.util.List;
import java.util.Map;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/** A single-node OpenSearch cluster on loopback, with its plugins loaded from the classpath. */
final class EmbeddedNode extends Node {

  static final String NODE_NAME = "airlock-search-node";

  // Without a distribution there is no plugins directory to scan, so the plugins the node
  // needs (HTTP and transport, the language analyzers) are handed over as classes.
  private static final List<Class<? extends Plugin>> PLUGINS =
      List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

  EmbeddedNode(NodeOptions options) {
    super(
        InternalSettingsPreparer.prepareEnvironment(
            settings(options), Map.of(), null, () -> NODE_NAME),
        PLUGINS,
        true);
  }

  static Settings settings(NodeOptions options) {
    return Settings.builder()
        .put("cluster.name", "airlock-search")
        .put("node.name", NODE_NAME)
        .put("path.home", options.dataDir().toString())
        .put("path.data", options.dataDir().resolve("data").toString())
        .put("path.logs", options.dataDir().resolve("logs").toString())
        .put("network.host", "127.0.0.1")
        .put("http.port", options.httpPort())
        // Nothing joins this node, but the transport must still bind; a fixed port would
        // collide with a second node on the same machine.
        .put("transport.port", 0)
        .put("discovery.type", "single-node")
        // A nearly full disk on a developer machine must not turn the indices read-only.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .build();
  }

  int httpPort() {
    return injector()
        .getInstance(HttpServerTransport.class)
        .boundAddress()
        .publishAddress()
        .getPort();
  }

  @Override
  protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
    // The listener publishes node and cluster ids to log4j pattern converters through
    // set-once holders that only OpenSearch's own bootstrap prepares; embedded nodes skip
    // it, as OpenSearch's test MockNode does.
  }
}
