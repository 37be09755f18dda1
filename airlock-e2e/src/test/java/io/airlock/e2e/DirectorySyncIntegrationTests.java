package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideApplication;
import io.airlock.responseside.ResponseSideApplication;
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
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The directory crossing the gap through the public APIs only: a user an admin creates on the
 * response side can log in on the request side once the directory has synced, and cannot once the
 * admin has deactivated them.
 */
class DirectorySyncIntegrationTests {

  private static final String ADMIN_PASSWORD = "e2e-admin-password";
  private static final String USER_PASSWORD = "a long enough password";

  @TempDir static Path root;

  private static ConfigurableApplicationContext requestSide;
  private static ConfigurableApplicationContext responseSide;
  private static Shuttle shuttle;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    Path requestDir = root.resolve("request");
    Path responseDir = root.resolve("response");
    SideLauncher.createKeys(requestDir, responseDir);
    responseSide =
        SideLauncher.start(
            ResponseSideApplication.builder(),
            responseDir,
            requestDir,
            "--airlock.bootstrap.admin-password=" + ADMIN_PASSWORD,
            "--airlock.directory.export-interval=100ms");
    requestSide =
        SideLauncher.start(
            RequestSideApplication.builder(),
            requestDir,
            responseDir,
            "--airlock.inbox.scan-interval=1s");
    shuttle =
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
  }

  @AfterAll
  static void stop() {
    if (shuttle != null) {
      shuttle.close();
    }
    for (ConfigurableApplicationContext side :
        new ConfigurableApplicationContext[] {requestSide, responseSide}) {
      if (side != null) {
        side.close();
      }
    }
  }

  @Test
  void aUserCreatedOnTheResponseSideLogsInOnTheRequestSideUntilDeactivated() throws Exception {
    String username = "analyst" + System.nanoTime() % 100_000;
    HttpResponse<String> created =
        admin(
            "POST",
            "/admin/users",
            """
            {"username":"%s","email":"%s@example.org","display_name":"Ann Analyst",
             "role":"user","profile_type":"standard","password":"%s"}"""
                .formatted(username, username, USER_PASSWORD));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

    assertThat(eventually(() -> login(username), status -> status == 200))
        .as("login on the request side after the directory synced")
        .isEqualTo(200);
    assertThat(login(username + "-nobody")).isEqualTo(401);

    assertThat(admin("POST", "/admin/users/" + id + "/deactivate", "").statusCode())
        .isBetween(200, 204);
    assertThat(eventually(() -> login(username), status -> status == 401))
        .as("login refused once the deactivation synced")
        .isEqualTo(401);
  }

  private int login(String username) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url(requestSide) + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"%s\",\"password\":\"%s\"}"
                            .formatted(username, USER_PASSWORD)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private HttpResponse<String> admin(String method, String path, String json) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(url(responseSide) + path))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int eventually(Attempt attempt, IntPredicate done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int status;
    do {
      status = attempt.status();
      if (done.test(status)) {
        return status;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return status;
  }

  private static String url(ConfigurableApplicationContext side) {
    return "http://localhost:" + ((WebServerApplicationContext) side).getWebServer().getPort();
  }

  @FunctionalInterface
  interface Attempt {
    int status() throws Exception;
  }
}
