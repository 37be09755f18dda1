package io.airlock.e2e;

import io.airlock.requestside.RequestSideApplication;
import io.airlock.responseside.ResponseSideApplication;
import io.airlock.searchnode.SearchNodeLauncher;
import io.airlock.transfer.shuttle.Shuttle;
import io.airlock.transfer.shuttle.ShuttleFaults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both sides, each with its own database, folders and keys, the shared search node behind the
 * response side, and a shuttle carrying files between their outboxes and inboxes: a whole Airlock
 * on one machine, driven through its public HTTP APIs only.
 */
final class TwoSides implements AutoCloseable {

  static final String ADMIN_PASSWORD = "e2e-admin-password";
  static final String USER_PASSWORD = "a long enough password";

  private final ConfigurableApplicationContext responseSide;
  private final ConfigurableApplicationContext requestSide;
  private final Shuttle shuttle;
  private final HttpClient http = HttpClient.newHttpClient();

  private TwoSides(
      ConfigurableApplicationContext responseSide,
      ConfigurableApplicationContext requestSide,
      Shuttle shuttle) {
    this.responseSide = responseSide;
    this.requestSide = requestSide;
    this.shuttle = shuttle;
  }

  static TwoSides start(Path root) throws IOException {
    Path requestDir = root.resolve("request");
    Path responseDir = root.resolve("response");
    SideLauncher.createKeys(requestDir, responseDir);
    ConfigurableApplicationContext responseSide =
        SideLauncher.start(
            ResponseSideApplication.builder(),
            responseDir,
            requestDir,
            "--airlock.bootstrap.admin-password=" + ADMIN_PASSWORD,
            "--airlock.search.url=" + SearchNodeLauncher.shared().url(),
            "--airlock.directory.export-interval=100ms",
            "--airlock.executor.poll-interval=50ms");
    ConfigurableApplicationContext requestSide =
        SideLauncher.start(
            RequestSideApplication.builder(),
            requestDir,
            responseDir,
            "--airlock.inbox.scan-interval=1s");
    Shuttle shuttle =
        new Shuttle(
            List.of(
                new Shuttle.Route(
                    "response → request",
                    responseDir.resolve("outbox"),
                    requestDir.resolve("inbox")),
                new Shuttle.Route(
                    "request → response",
                    requestDir.resolve("outbox"),
                    responseDir.resolve("inbox"))),
            ShuttleFaults.NONE,
            new Random(1));
    shuttle.start(Duration.ofMillis(50));
    return new TwoSides(responseSide, requestSide, shuttle);
  }

  /** Creates a user with the standard profile on the response side; returns their id. */
  String createUser(String username) throws Exception {
    HttpResponse<String> created =
        asAdmin(
            "POST",
            "/admin/users",
            """
            {"username":"%s","email":"%s@example.org","display_name":"Ann Analyst",
             "role":"user","profile_type":"standard","password":"%s"}"""
                .formatted(username, username, USER_PASSWORD));
    if (created.statusCode() != 201) {
      throw new IllegalStateException("could not create " + username + ": " + created.body());
    }
    return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  /** A call to the response side's admin API with the bootstrap admin's credentials. */
  HttpResponse<String> asAdmin(String method, String path, String json) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(url(responseSide) + path))
            .header("Authorization", "Basic " + basic)
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Logs in on the request side. */
  HttpResponse<String> login(String username) throws Exception {
    return onRequestSide(
        "POST",
        "/auth/login",
        null,
        "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, USER_PASSWORD));
  }

  /** A call to the request side's API, with a bearer token unless it is null. */
  HttpResponse<String> onRequestSide(String method, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(requestSide) + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  /** Repeats a call until its answer satisfies the condition or 30 s have passed. */
  static HttpResponse<String> eventually(Call call, Predicate<HttpResponse<String>> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> response;
    do {
      response = call.send();
      if (done.test(response)) {
        return response;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return response;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String url(ConfigurableApplicationContext side) {
    return "http://localhost:" + ((WebServerApplicationContext) side).getWebServer().getPort();
  }

  @Override
  public void close() {
    shuttle.close();
    requestSide.close();
    responseSide.close();
  }

  @FunctionalInterface
  interface Call {
    HttpResponse<String> send() throws Exception;
  }
}
