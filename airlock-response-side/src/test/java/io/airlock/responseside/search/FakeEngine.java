package io.airlock.responseside.search;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A search engine that answers from a script, one scripted answer per call (the last one repeats),
 * and records what it was sent. Public for the executor's tests of engine failures.
 */
public final class FakeEngine implements AutoCloseable {

  record Answer(int status, String body, Duration delay) {}

  public record Call(String method, String path, String authorization, String body) {}

  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public FakeEngine() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Several threads: a delayed answer must not hold up the client's next attempt.
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public FakeEngine answering(int status, String body) {
    return answering(status, body, Duration.ZERO);
  }

  public synchronized FakeEngine answering(int status, String body, Duration delay) {
    script.addLast(new Answer(status, body, delay));
    return this;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Call> calls() {
    return calls;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    calls.add(
        new Call(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    Answer answer = next();
    try {
      Thread.sleep(answer.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException e) {
      // The client gave up waiting (a timeout test): nobody is left to answer.
    }
    exchange.close();
  }

  private synchronized Answer next() {
    return script.size() > 1 ? script.removeFirst() : script.getFirst();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
