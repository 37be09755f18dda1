package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request's whole journey through the public APIs: submitted on the request side, exported,
 * carried across, re-validated, queued and executed on the search engine on the response side, its
 * answer carried back and read by the user who asked — the same answer the engine gives when asked
 * directly — and a refused one answered with its reason.
 */
class RoundTripIntegrationTests {

  @TempDir static Path root;

  private static TwoSides airlock;
  private static Analyst analyst;
  private final JsonMapper json = JsonMapper.shared();

  @BeforeAll
  static void start() throws Exception {
    airlock = TwoSides.start(root);
    analyst = Analyst.signedIn(airlock, "roundtrip" + System.nanoTime() % 100_000, "standard");
  }

  @AfterAll
  static void stop() {
    if (airlock != null) {
      airlock.close();
    }
  }

  @Test
  void aSearchCrossesTheGapAndComesBackWithTheHitsTheEngineGivesDirectly() throws Exception {
    String params =
        """
        {"query":{"bool":{"must":[{"match":{"description":"malware"}}],
                          "filter":[{"term":{"severity":"high"}}]}},
         "sort":[{"reported_at":"desc"},{"id":"asc"}],"size":7}""";
    String id =
        analyst.submit(
            """
            {"index":"incidents","query_type":"search","priority":3,"query_params":%s}"""
                .formatted(params));

    JsonNode status = analyst.awaitFinished(id);
    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("completed");
    StageTimes.assertCompleteAndOrdered(status);

    JsonNode result = analyst.response(id).path("result");
    JsonNode direct = searchNode("/incidents/_search", params);
    assertThat(result.path("hits").path("hits").size()).isEqualTo(7);
    assertThat(result.path("hits").path("hits")).isEqualTo(direct.path("hits").path("hits"));
    assertThat(result.path("hits").path("total")).isEqualTo(direct.path("hits").path("total"));
  }

  @Test
  void aCountCrossesTheGapAndComesBackWithTheEnginesCount() throws Exception {
    String params =
        """
        {"query":{"term":{"criticality":"high"}}}""";
    String id =
        analyst.submit(
            """
            {"index":"assets","query_type":"count","priority":1,"query_params":%s}"""
                .formatted(params));

    JsonNode status = analyst.awaitFinished(id);
    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("completed");
    StageTimes.assertCompleteAndOrdered(status);

    long count = analyst.response(id).path("result").path("count").asLong();
    assertThat(count).isPositive().isLessThan(1500);
    assertThat(count).isEqualTo(searchNode("/assets/_count", params).path("count").asLong());
  }

  @Test
  void aQueryTheEngineRefusesComesBackFailedWithTheEnginesReason() throws Exception {
    String id =
        analyst.submit(
            """
            {"index":"incidents","query_type":"search","priority":1,
             "query_params":{"query":{"range":{"reported_at":{"gte":"not a date"}}}}}""");

    JsonNode status = analyst.awaitFinished(id);
    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("failed");
    assertThat(status.path("status_reason").asString()).isNotBlank();
  }

  @Test
  void aRequestTheResponseSideNoLongerAllowsComesBackFailedWithTheReason() throws Exception {
    String profile = "narrow" + System.nanoTime() % 100_000;
    HttpResponse<String> created =
        airlock.asAdmin(
            "POST", "/admin/profile-types", profileType(profile, "incidents", "assets"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Analyst narrow = Analyst.signedIn(airlock, "narrow" + System.nanoTime() % 100_000, profile);

    // Held on this side of the gap until the admin has taken the index away on the other.
    airlock.pauseShuttle();
    String id;
    try {
      id =
          narrow.submit(
              """
              {"index":"assets","query_type":"count","priority":1,
               "query_params":{"query":{"match_all":{}}}}""");
      HttpResponse<String> narrowed =
          airlock.asAdmin("PUT", "/admin/profile-types/" + profile, profileType(null, "incidents"));
      assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
    } finally {
      airlock.resumeShuttle();
    }

    JsonNode status = narrow.awaitFinished(id);
    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("failed");
    assertThat(status.path("status_reason").asString())
        .contains("index_not_allowed")
        .contains("'assets'")
        .contains(profile);
    assertThat(status.path("stages").path("executed").isNull()).isTrue();
  }

  private JsonNode searchNode(String path, String body) throws Exception {
    HttpResponse<String> response = airlock.onSearchNode(path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** A profile type's JSON; with a name for creating it, without one for replacing it. */
  private static String profileType(String name, String... indices) {
    return """
        {%s"per_minute":100,"per_hour":1000,"per_day":10000,"max_priority":5,
         "allowed_indices":["%s"],"max_result_size":1000}"""
        .formatted(name == null ? "" : "\"name\":\"" + name + "\",", String.join("\",\"", indices));
  }
}
