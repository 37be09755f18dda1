package io.airlock.requestside.requests;

import static io.airlock.requestside.requests.RequestFixture.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airlock.requestside.RequestSideIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

@RequestSideIntegrationTest
class RequestSubmissionIntegrationTests extends SignedInRequester {

  @Test
  void acceptsAValidSearchAndStoresItPendingWithADeadlineAndTraceId() {
    var result =
        client
            .post()
            .uri("/requests")
            .header("Authorization", "Bearer " + token)
            .header("X-Request-ID", "trace-submit-1")
            .body(
                search(
                    "logs",
                    "{\"size\":20,\"query\":{\"match\":{\"title\":\"gap\"}},\"timeout\":\"5s\"}",
                    3))
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult();
    Map<?, ?> body = result.getResponseBody();
    UUID id = UUID.fromString((String) body.get("id"));

    assertThat(body.get("status")).isEqualTo("pending");
    assertThat(body.get("status_url")).isEqualTo("/requests/" + id + "/status");
    assertThat(result.getResponseHeaders().getLocation()).hasToString("/requests/" + id);
    Map<String, Object> row =
        jdbc.sql(
                """
                select owner_id, index_name, query_type, query_params::text as params, priority,
                       status, submitted_at, deadline, trace_id
                from requests where id = :id
                """)
            .param("id", id)
            .query()
            .singleRow();
    assertThat(row.get("owner_id")).isEqualTo(user.id());
    assertThat(row.get("index_name")).isEqualTo("logs");
    assertThat(row.get("query_type")).isEqualTo("search");
    assertThat(row.get("priority")).isEqualTo(3);
    assertThat(row.get("status")).isEqualTo("pending");
    assertThat(row.get("trace_id")).isEqualTo("trace-submit-1");
    assertThat((String) row.get("params")).contains("\"timeout\": \"5s\"").contains("\"size\": 20");
    Instant submitted = ((Timestamp) row.get("submitted_at")).toInstant();
    Instant deadline = ((Timestamp) row.get("deadline")).toInstant();
    assertThat(submitted).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    assertThat(Duration.between(submitted, deadline)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void acceptsACount() {
    requests
        .post(
            token,
            Map.of(
                "index",
                "metrics",
                "query_type",
                "count",
                "query_params",
                Map.of("query", Map.of("match_all", Map.of())),
                "priority",
                0))
        .expectStatus()
        .isAccepted();
  }

  @Test
  void refusesAWildcardIndexNamingIndex() {
    invalid(search("logs-*", "{}", 1), "index");
  }

  @Test
  void refusesAnUnknownQueryTypeNamingQueryType() {
    Map<String, Object> body = new HashMap<>(search("logs", "{}", 1));
    body.put("query_type", "delete_by_query");
    invalid(body, "query_type");
  }

  @Test
  void refusesMissingQueryParamsNamingThem() {
    Map<String, Object> body = new HashMap<>(search("logs", "{}", 1));
    body.remove("query_params");
    invalid(body, "query_params");
  }

  @Test
  void refusesAScriptNamingWhereItIs() {
    invalid(
        search("logs", "{\"query\":{\"script_score\":{\"query\":{\"match_all\":{}}}}}", 1),
        "query_params.query.script_score");
  }

  @Test
  void refusesASizeAboveTheRuleNamingSize() {
    invalid(search("logs", "{\"size\":1001}", 1), "query_params.size");
  }

  @Test
  void refusesAWindowBeyondTenThousandNamingFrom() {
    invalid(search("logs", "{\"from\":9995,\"size\":10}", 1), "query_params.from");
  }

  @Test
  void refusesATimeoutAboveThirtySecondsNamingTimeout() {
    invalid(search("logs", "{\"timeout\":\"2m\"}", 1), "query_params.timeout");
  }

  @Test
  void refusesAnUnpairedSurrogateWith400RatherThanFailingOnTheCacheKey() {
    client
        .post()
        .uri("/requests")
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            "{\"index\":\"logs\",\"query_type\":\"search\",\"priority\":1,"
                + "\"query_params\":{\"query\":{\"term\":{\"tag\":\"\\ud800\"}}}}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("query_params.query.term.tag");
    assertThat(requests.requestsOf(user)).isZero();
  }

  @Test
  void refusesAMissingPriorityNamingPriority() {
    Map<String, Object> body = new HashMap<>(search("logs", "{}", 1));
    body.remove("priority");
    invalid(body, "priority");
  }

  @Test
  void refusesAnIndexOutsideTheProfileWith422NamingIndex() {
    refused(search("secrets", "{}", 1), "index");
  }

  @Test
  void refusesAPriorityAboveTheProfileMaximumWith422() {
    refused(search("logs", "{}", RequestFixture.MAX_PRIORITY + 1), "priority");
  }

  @Test
  void refusesANegativePriorityWith422() {
    refused(search("logs", "{}", -1), "priority");
  }

  @Test
  void refusesASizeAboveTheProfileMaximumWith422() {
    requests
        .post(token, search("logs", "{\"size\":" + RequestFixture.MAX_RESULT_SIZE + "}", 1))
        .expectStatus()
        .isAccepted();
    refused(
        search("logs", "{\"size\":" + (RequestFixture.MAX_RESULT_SIZE + 1) + "}", 1),
        "query_params.size");
  }

  @Test
  void refusesAUserWhoseProfileTypeHasNotArrivedWith422() {
    directoryChanges.apply(
        () ->
            jdbc.sql("update users set profile_type = 'not-arrived-yet' where id = :id")
                .param("id", user.id())
                .update());

    requests
        .post(token, search("logs", "{}", 1))
        .expectStatus()
        .isEqualTo(422)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Profile type unknown")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("not known on this side yet"));
    assertThat(requests.requestsOf(user)).isZero();
  }

  @Test
  void refusesAnonymousSubmissions() {
    client
        .post()
        .uri("/requests")
        .body(search("logs", "{}", 1))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  private void invalid(Object body, String field) {
    requests
        .post(token, body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo(field);
    assertThat(requests.requestsOf(user)).isZero();
  }

  private void refused(Object body, String field) {
    long before = requests.requestsOf(user);
    requests
        .post(token, body)
        .expectStatus()
        .isEqualTo(422)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo(field)
        .jsonPath("$.request_id")
        .exists();
    assertThat(requests.requestsOf(user)).isEqualTo(before);
  }
}
