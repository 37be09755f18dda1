package io.airlock.platform.errors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** A Sentry on a free local port that answers every request with 200 and keeps what it got. */
final class FakeSentry implements AutoCloseable {

  /** A request as received, its body unzipped. */
  record Received(String method, String path, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private FakeSentry(HttpServer server) {
    this.server = server;
  }

  static FakeSentry start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeSentry sentry = new FakeSentry(server);
    server.createContext("/", sentry::receive);
    server.start();
    return sentry;
  }

  /** The DSN of project 1, whose envelopes arrive at {@code /api/1/envelope/}. */
  String dsn() {
    return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
  }

  /** The first envelope posted for project 1 that contains {@code text}, waiting up to 10 s. */
  String envelopeContaining(String text) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      for (Received request : received) {
        if (request.method().equals("POST")
            && request.path().equals("/api/1/envelope/")
            && request.body().contains(text)) {
          return request.body();
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No envelope with \"" + text + "\" arrived; got: " + received);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              new String(body.readAllBytes(), StandardCharsets.UTF_8)));
      byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
