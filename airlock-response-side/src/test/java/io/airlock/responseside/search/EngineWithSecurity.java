package io.airlock.responseside.search;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine with a security plugin, which the embedded nodes cannot run, played by a JDK HTTP
 * server on loopback: each call is answered by method and path (with its query string) from a
 * table, 404 when the table has nothing, and recorded.
 */
final class EngineWithSecurity implements AutoCloseable {

  private static final String NOT_FOUND =
      "{\"error\":{\"type\":\"not_found\",\"reason\":\"no handler\"},\"status\":404}";

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  EngineWithSecurity() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers {@code method path} (e.g. {@code GET /_resolve/index/*?expand_wildcards=open}). */
  EngineWithSecurity answering(String call, int status, String body) {
    answers.put(call, new Answer(status, body));
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every call as {@code method path}, in order. */
  List<String> calls() {
    return calls;
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    URI uri = exchange.getRequestURI();
    String call =
        exchange.getRequestMethod()
            + " "
            + uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    calls.add(call);
    Answer answer = answers.getOrDefault(call, new Answer(404, NOT_FOUND));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
