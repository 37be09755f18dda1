package io.airlock.responseside;

import io.airlock.searchnode.Elasticsearch7Launcher;
import io.airlock.searchnode.RunningSearchNode;

/**
 * Points {@code airlock.search.url} at the Elasticsearch 7.17 node shared by this JVM instead of
 * the OpenSearch one. To run a Spring test against Elasticsearch 7, replace the initializers of
 * {@link ResponseSideIntegrationTest}:
 *
 * <pre>{@code
 * @ResponseSideIntegrationTest
 * @ContextConfiguration(
 *     initializers = {AirlockTestInitializer.class, SharedElasticsearch7Initializer.class})
 * class SomethingOnElasticsearch7IntegrationTests { ... }
 * }</pre>
 *
 * Both are needed: a {@code @ContextConfiguration} on the test class replaces the one inside
 * {@code @ResponseSideIntegrationTest} rather than adding to it. The node holds the same generated
 * sample indices as the OpenSearch one, but its {@code english} analyzer does not stem (see
 * airlock-search-node-es7's README).
 */
public class SharedElasticsearch7Initializer extends SharedSearchNodeInitializer {

  @Override
  RunningSearchNode node() {
    return Elasticsearch7Launcher.shared();
  }
}
