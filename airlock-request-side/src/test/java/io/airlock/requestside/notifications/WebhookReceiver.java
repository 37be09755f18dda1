package io.airlock.requestside.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook's receiver for the tests: a local HTTP server under {@code /hooks/} that keeps every
 * call, and answers each path as the test scripts it (200 when it says nothing).
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One call as it arrived. */
  public record Call(String path, Map<String, List<String>> headers, String body) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(header -> header.getKey().equalsIgnoreCase(name))
          .map(header -> header.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** A scripted answer: a status, and where a redirect points. */
  public record Answer(int status, String location) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hooks/", this::handle);
    server.start();
  }

  /** Where the hooks are: {@code http://127.0.0.1:<port>/hooks/}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/";
  }

  /** The path's next calls are answered so, in turn; 200 once they are used up. */
  public void answer(String path, Answer... answers) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
  }

  public List<Call> callsTo(String path) {
    return calls.stream().filter(call -> call.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      calls.add(
          new Call(
              path,
              Map.copyOf(exchange.getRequestHeaders()),
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      Answer answer;
      synchronized (scripts) {
        Deque<Answer> script = scripts.get(path);
        answer = script == null || script.isEmpty() ? new Answer(200, null) : script.poll();
      }
      if (answer.location() != null) {
        exchange.getResponseHeaders().set("Location", answer.location());
      }
      exchange.sendResponseHeaders(answer.status(), -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
