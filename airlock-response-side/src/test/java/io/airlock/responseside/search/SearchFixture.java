package io.airlock.responseside.search;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Engines and settings for the search tests. Public for the executor's and the cache's tests, which
 * need an engine on a fake or a closed port.
 */
public final class SearchFixture {

  static final JsonMapper JSON = JsonMapper.shared();

  private SearchFixture() {}

  static SearchProperties settings(URI url) {
    return settings(url, null, null, null, null);
  }

  static SearchProperties settings(
      URI url, String username, String password, String apiKey, Path caCertificate) {
    return new SearchProperties(
        url,
        username,
        password,
        apiKey,
        caCertificate,
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10));
  }

  static SearchEngine engine(SearchProperties settings) {
    return new SearchEngine(settings, JSON, new SimpleMeterRegistry());
  }

  public static SearchEngine engine(URI url) {
    return engine(settings(url));
  }

  /** An engine that waits {@code timeout} for a query whose params set none. */
  public static SearchEngine engine(URI url, Duration timeout) {
    SearchProperties settings = settings(url);
    return engine(
        new SearchProperties(
            url,
            null,
            null,
            null,
            null,
            settings.connectTimeout(),
            settings.maxRequestTimeout(),
            timeout));
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** A URL on which nothing listens: the port was free a moment ago and is closed again. */
  public static URI closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
