package io.airlock.responseside.search;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;

/**
 * HTTPS that lets through only one {@code Authorization} header (Basic or ApiKey) in front of a
 * real search node, as a secured cluster would be: the embedded nodes have no security of their
 * own.
 */
final class TlsProxy implements AutoCloseable {

  private final HttpsServer server;
  private final String target;
  private final String authorization;
  private final HttpClient client = HttpClient.newHttpClient();

  TlsProxy(SSLContext tls, String target, String authorization) throws IOException {
    this.target = target;
    this.authorization = authorization;
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::forward);
    server.start();
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        byte[] denied =
            "{\"error\":{\"type\":\"security_exception\",\"reason\":\"missing authentication\"}}"
                .getBytes();
        exchange.sendResponseHeaders(401, denied.length);
        exchange.getResponseBody().write(denied);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().getRawPath()))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      if (body.length > 0) {
        request.header("Content-Type", "application/json");
      }
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.statusCode(), response.body().length);
      exchange.getResponseBody().write(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
