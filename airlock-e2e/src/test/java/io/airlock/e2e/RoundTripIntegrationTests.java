package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request's whole journey through the public APIs: submitted on the request side, exported,
 * carried across, re-validated, queued and executed on the search engine on the response side, its
 * answer carried back and read by the user who asked — and a refused one answered with its reason.
 */
class RoundTripIntegrationTests {

  @TempDir static Path root;

  private static final Set<String> WAITING = Set.of("pending", "exported", "cancelling");

  private static TwoSides airlock;
  private static String token;
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void start() throws Exception {
    airlock = TwoSides.start(root);
    String username = "roundtrip" + System.nanoTime() % 100_000;
    airlock.createUser(username);
    HttpResponse<String> login =
        TwoSides.eventually(() -> airlock.login(username), r -> r.statusCode() == 200);
    token = JsonMapper.builder().build().readTree(login.body()).path("access_token").asString();
  }

  @AfterAll
  static void stop() {
    if (airlock != null) {
      airlock.close();
    }
  }

  @Test
  void aSearchCrossesTheGapIsExecutedAndItsAnswerComesBack() throws Exception {
    String id =
        submit(
            """
            {"index":"incidents","query_type":"search","priority":3,
             "query_params":{"query":{"match_all":{}},"size":5}}""");

    JsonNode status = awaitFinished(id);
    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("completed");

    HttpResponse<String> response =
        airlock.onRequestSide("GET", "/requests/" + id + "/response", token, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("result").path("hits").path("hits").size()).isEqualTo(5);
    assertThat(body.path("result").path("hits").path("total").path("value").asLong())
        .isEqualTo(3000);
    assertThat(response.headers().firstValue("ETag")).isPresent();
  }

  @Test
  void aCountCrossesTheGapToo() throws Exception {
    String id =
        submit(
            """
            {"index":"assets","query_type":"count","priority":1,
             "query_params":{"query":{"match_all":{}}}}""");

    assertThat(awaitFinished(id).path("status").asString()).isEqualTo("completed");
    JsonNode body =
        json.readTree(
            airlock.onRequestSide("GET", "/requests/" + id + "/response", token, null).body());
    assertThat(body.path("result").path("count").asLong()).isEqualTo(1500);
  }

  @Test
  void aQueryTheEngineRefusesComesBackFailedWithTheEnginesReason() throws Exception {
    String id =
        submit(
            """
            {"index":"incidents","query_type":"search","priority":1,
             "query_params":{"query":{"range":{"reported_at":{"gte":"not a date"}}}}}""");

    JsonNode status = awaitFinished(id);
    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("failed");
    assertThat(status.path("status_reason").asString()).isNotBlank();
  }

  private String submit(String request) throws Exception {
    HttpResponse<String> accepted = airlock.onRequestSide("POST", "/requests", token, request);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json.readTree(accepted.body()).path("id").asString();
  }

  private JsonNode awaitFinished(String id) throws Exception {
    HttpResponse<String> status =
        TwoSides.eventually(
            () -> airlock.onRequestSide("GET", "/requests/" + id + "/status", token, null),
            r -> !WAITING.contains(json.readTree(r.body()).path("status").asString()));
    return json.readTree(status.body());
  }
}
