package io.airlock.searchnode.node;

import java.util.List;
import java.util.Map;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.Netty4Plugin;

/** A single-node Elasticsearch 7 cluster on loopback, with its HTTP plugin from the classpath. */
final class EmbeddedElasticsearch7 extends Node {

  static final String NODE_NAME = "airlock-search-node-es7";

  // Without a distribution there is no modules directory to scan, so HTTP and transport are
  // handed over as a class. analysis-common is not published for 7.x: see Elasticsearch7SampleData
  // for the one analyzer the sample mapping needs from it.
  private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class);

  EmbeddedElasticsearch7(NodeOptions options) {
    super(
        InternalSettingsPreparer.prepareEnvironment(
            settings(options), Map.of(), null, () -> NODE_NAME),
        PLUGINS,
        true);
  }

  static Settings settings(NodeOptions options) {
    return Settings.builder()
        .put("cluster.name", "airlock-search-es7")
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
    // The listener only feeds Elasticsearch's own log pattern converters, which this node's
    // logging (NodeLogging) does not use.
  }
}
