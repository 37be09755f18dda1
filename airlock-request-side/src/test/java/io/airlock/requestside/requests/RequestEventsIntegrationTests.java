package io.airlock.requestside.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /requests/{id}/events}: the status now, each change as it commits, then the end. */
@RequestSideIntegrationTest
class RequestEventsIntegrationTests extends SignedInRequester {

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired RequestEvents events;

  @Test
  void streamsEachStatusChangeAndEndsAfterTheFinalOne() throws Exception {
    UUID id = requests.submit(token);
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/requests/" + id + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

    assertThat(next(events).path("status").asString()).isEqualTo("pending");
    requests.exported(id);
    JsonNode exported = next(events);
    assertThat(exported.path("status").asString()).isEqualTo("exported");
    assertThat(exported.path("stages").path("exported").isNull()).isFalse();
    requests.responded(id, "{\"count\": 3}", "0".repeat(64));
    assertThat(next(events).path("status").asString()).isEqualTo("completed");

    CompletableFuture<String> end = CompletableFuture.supplyAsync(() -> readRest(events));
    assertThat(end.get(10, TimeUnit.SECONDS)).as("nothing after the final status").isBlank();
  }

  @Test
  void endsAtOnceForARequestThatHasEnded() throws Exception {
    UUID id = requests.submit(token);
    requests.status(id, "cancelled");

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/requests/" + id + "/events"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).contains("event:status").contains("\"status\":\"cancelled\"");
  }

  @Test
  void refusesNewStreamsWhileStoppedAndServesThemOnceStartedAgain() throws Exception {
    UUID id = requests.submit(token);
    requests.status(id, "cancelled");

    events.stop();
    try {
      requests.get(token, "/requests/{id}/events", id).expectStatus().isEqualTo(503);
    } finally {
      events.start();
    }
    requests
        .get(token, "/requests/{id}/events", id)
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("\"status\":\"cancelled\""));
  }

  @Test
  void hidesAnotherUsersRequest() {
    UUID theirs = requests.submit(users.accessToken(requests.user()));

    requests.get(token, "/requests/{id}/events", theirs).expectStatus().isNotFound();
  }

  /** The data of the next event. */
  private static JsonNode next(BufferedReader events) throws Exception {
    CompletableFuture<JsonNode> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                List<String> data = new ArrayList<>();
                for (String line = events.readLine(); line != null; line = events.readLine()) {
                  if (line.startsWith("data:")) {
                    data.add(line.substring(5));
                  } else if (line.isEmpty() && !data.isEmpty()) {
                    return JsonMapper.shared().readTree(String.join("\n", data));
                  }
                }
                throw new IllegalStateException("the stream ended");
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            });
    return next.get(10, TimeUnit.SECONDS);
  }

  private static String readRest(BufferedReader events) {
    StringBuilder rest = new StringBuilder();
    try {
      for (String line = events.readLine(); line != null; line = events.readLine()) {
        rest.append(line);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return rest.toString();
  }
}
