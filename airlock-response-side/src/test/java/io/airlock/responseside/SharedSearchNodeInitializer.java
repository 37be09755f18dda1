package io.airlock.responseside;

import io.airlock.searchnode.RunningSearchNode;
import io.airlock.searchnode.SearchNodeLauncher;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code airlock.search.url} at the search node shared by this JVM (started on first use),
 * unless a test sets it: the side is ready only with its cluster, as in production. {@link
 * SharedElasticsearch7Initializer} points it at Elasticsearch 7 instead.
 */
public class SharedSearchNodeInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    if (!environment.containsProperty("airlock.search.url")) {
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "airlockSharedSearchNode", Map.of("airlock.search.url", node().url())));
    }
  }

  RunningSearchNode node() {
    return SearchNodeLauncher.shared();
  }
}
