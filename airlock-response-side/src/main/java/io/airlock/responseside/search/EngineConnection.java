package io.airlock.responseside.search;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** One HTTP exchange with the configured cluster: its URL, credentials and TLS trust. */
final class EngineConnection {

  private final HttpClient client;
  private final String baseUrl;
  private final Optional<String> authorization;

  EngineConnection(SearchProperties properties) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // HTTP/1.1 only: the JDK would otherwise offer an h2c upgrade, which the engines'
            // HTTP layers do not speak.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (properties.caCertificate() != null) {
      builder.sslContext(TrustedCa.sslContext(properties.caCertificate()));
    }
    this.client = builder.build();
    String url = properties.url().toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.authorization = authorization(properties);
  }

  /**
   * Sends one request.
   *
   * @param path starting with {@code /}, already encoded
   * @param json the body, or null for none
   */
  HttpResponse<String> send(String method, String path, String json, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    authorization.ifPresent(value -> request.header("Authorization", value));
    return client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Optional<String> authorization(SearchProperties properties) {
    if (properties.apiKey() != null) {
      return Optional.of("ApiKey " + properties.apiKey());
    }
    if (properties.username() != null) {
      String pair = properties.username() + ":" + properties.password();
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }
}
