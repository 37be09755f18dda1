package io.airlock.responseside.search;

import io.airlock.searchnode.Elasticsearch7Launcher;
import io.airlock.searchnode.RunningSearchNode;
import io.airlock.searchnode.SearchNodeLauncher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The real engines the search tests run against, each a node in its own JVM, shared by the test JVM
 * and started on first use, holding the same generated sample indices. Elasticsearch 7 comes from
 * airlock-search-node-es7, in test scope only for its licence.
 */
enum EngineUnderTest {
  OPENSEARCH("opensearch", "2.19.1", SearchNodeLauncher::shared),
  ELASTICSEARCH_7("elasticsearch", "7.17.29", Elasticsearch7Launcher::shared);

  final String distribution;
  final String version;
  private final Supplier<RunningSearchNode> node;

  EngineUnderTest(String distribution, String version, Supplier<RunningSearchNode> node) {
    this.distribution = distribution;
    this.version = version;
    this.node = node;
  }

  URI url() {
    return URI.create(node.get().url());
  }

  SearchEngine engine() {
    return SearchFixture.engine(url());
  }

  /** What the node answers to a plain JDK call, for comparison with the engine's answer. */
  JsonNode direct(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url().resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return SearchFixture.JSON.readTree(response.body());
  }
}
