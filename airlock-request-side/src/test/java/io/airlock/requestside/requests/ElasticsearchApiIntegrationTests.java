package io.airlock.requestside.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.transfer.Channel;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Elasticsearch-compatible async search API as its clients see it on the wire: the shapes,
 * status codes and headers they rely on. (The official clients drive it across the gap in the e2e
 * module's ElasticsearchClientIntegrationTests.)
 */
@RequestSideIntegrationTest
class ElasticsearchApiIntegrationTests extends SignedInRequester {

  private static final String SEARCH =
      """
      {"query":{"match":{"title":"gap"}},"size":5,
       "aggs":{"by_level":{"terms":{"field":"level"},
                           "aggs":{"slowest":{"max":{"field":"took"}}}}}}""";

  @Autowired TransferFolders folders;
  @Autowired InboxImporter importer;

  @Test
  void answersTheRootDocumentClientsProbeWithTheProductHeader() {
    client
        .get()
        .uri("/es/")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Elastic-Product", "Elasticsearch")
        .expectBody()
        .jsonPath("$.version.number")
        .isEqualTo(ElasticsearchController.VERSION)
        .jsonPath("$.tagline")
        .isEqualTo("You Know, for Search");
  }

  @Test
  void takesAnElasticsearchApiKeyAndAnswersARunningSearchThenItsTypedAnswer() throws IOException {
    String encoded = apiKey("requests:read", "requests:write");
    JsonNode running =
        call(
            "POST",
            "/es/logs/_async_search?wait_for_completion_timeout=0s&keep_alive=2h"
                + "&typed_keys=true",
            encoded,
            SEARCH,
            200);
    UUID id = UUID.fromString(running.path("id").asString());
    assertThat(running.path("is_running").asBoolean()).isTrue();
    assertThat(running.path("is_partial").asBoolean()).isTrue();
    assertThat(running.path("response").path("hits").path("hits").isEmpty()).isTrue();
    assertThat(
            running.path("expiration_time_in_millis").asLong()
                - running.path("start_time_in_millis").asLong())
        .isEqualTo(Duration.ofHours(2).toMillis());
    // The same request as POST /requests makes: firewall-checked, stored, audited, exported.
    assertThat(
            jdbc.sql("select index_name, query_type, status from requests where id = :id")
                .param("id", id)
                .query()
                .singleRow())
        .containsEntry("index_name", "logs")
        .containsEntry("query_type", "search")
        .containsEntry("status", "pending");

    answer(
        id,
        """
        {"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":1,"relation":"eq"},"max_score":1.0,
                 "hits":[{"_index":"logs","_id":"a","_score":1.0,"_source":{"title":"gap"}}]},
         "aggregations":{"by_level":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
           "buckets":[{"key":"warn","doc_count":1,"slowest":{"value":7.0}}]}}}""");

    JsonNode done = call("GET", "/es/_async_search/" + id + "?typed_keys=true", encoded, null, 200);
    assertThat(done.path("is_running").asBoolean()).isFalse();
    assertThat(done.path("is_partial").asBoolean()).isFalse();
    JsonNode response = done.path("response");
    assertThat(response.path("hits").path("hits").path(0).path("_id").asString()).isEqualTo("a");
    JsonNode terms = response.path("aggregations").path("sterms#by_level");
    assertThat(terms.path("buckets").path(0).path("max#slowest").path("value").asDouble())
        .isEqualTo(7.0);
    // Airlock's round trip, not the engine's 3 ms: the request was submitted seconds before.
    assertThat(response.path("took").asLong())
        .isEqualTo(
            done.path("completion_time_in_millis").asLong()
                - done.path("start_time_in_millis").asLong());

    JsonNode status = call("GET", "/es/_async_search/status/" + id, encoded, null, 200);
    assertThat(status.path("completion_status").asInt()).isEqualTo(200);
    assertThat(status.path("is_running").asBoolean()).isFalse();
  }

  @Test
  void takesTheKeyAsTheConsoleShowsItToo() {
    String encoded = apiKey("requests:read");
    String key =
        new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split(":", 2)[1];
    assertThat(key).startsWith("alk_");

    call("GET", "/es/_async_search/status/" + UUID.randomUUID(), key, null, 404);
    call("GET", "/es/_async_search/status/" + UUID.randomUUID(), key + "x", null, 401);
  }

  @Test
  void answersAFailedSearchWithItsStatusAndAnElasticsearchError() throws IOException {
    String encoded = apiKey("requests:read", "requests:write");
    UUID id =
        id(
            call(
                "POST",
                "/es/logs/_async_search?wait_for_completion_timeout=0s",
                encoded,
                SEARCH,
                200));
    publish(
        new FailureRecord(
            id.toString(),
            null,
            FailureRecord.Outcome.FAILED,
            "index_not_found",
            "no such index [logs]",
            Instant.now(),
            Instant.now()));

    JsonNode failed = call("GET", "/es/_async_search/" + id, encoded, null, 404);
    assertThat(failed.path("error").path("reason").asString()).contains("no such index");
    assertThat(failed.path("status").asInt()).isEqualTo(404);
    assertThat(
            call("GET", "/es/_async_search/status/" + id, encoded, null, 200)
                .path("completion_status")
                .asInt())
        .isEqualTo(404);
  }

  @Test
  void refusesWhatTheQueryFirewallRefusesInElasticsearchsShape() {
    JsonNode refused =
        call(
            "POST",
            "/es/logs/_async_search",
            apiKey("requests:write"),
            "{\"query\":{\"script\":{\"script\":\"1\"}}}",
            400);
    assertThat(refused.path("error").path("type").asString())
        .isEqualTo("illegal_argument_exception");
    assertThat(refused.path("error").path("root_cause").path(0).path("reason").asString())
        .isNotBlank();
    assertThat(refused.path("status").asInt()).isEqualTo(400);
  }

  @Test
  void refusesAWrongKeyAKeyWithoutTheScopeAndAnotherUsersSearch() {
    assertThat(
            call("GET", "/es/_async_search/" + UUID.randomUUID(), "bm90OmEta2V5", null, 401)
                .path("error")
                .path("type")
                .asString())
        .isEqualTo("security_exception");
    call("POST", "/es/logs/_async_search", apiKey("requests:read"), SEARCH, 403);

    UUID theirs =
        id(
            call(
                "POST",
                "/es/logs/_async_search?wait_for_completion_timeout=0s",
                apiKey("requests:write"),
                SEARCH,
                200));
    User other = users.user();
    String otherKey = keyOf(users.accessToken(other), "requests:read");
    call("GET", "/es/_async_search/" + theirs, otherKey, null, 404);
    call("GET", "/es/_async_search/not-a-search-id", otherKey, null, 404);
  }

  @Test
  void refusesASearchPastTheQuotaWith429AndRetryAfter() {
    directoryChanges.apply(
        () ->
            jdbc.sql("update users set per_minute = 1, version = version + 1 where id = :id")
                .param("id", user.id())
                .update());
    String encoded = apiKey("requests:write");
    String uri = "/es/logs/_async_search?wait_for_completion_timeout=0s";
    // The first is within the quota; the grace lets no second through a quota of one.
    call("POST", uri, encoded, SEARCH, 200);

    var refused =
        client
            .post()
            .uri(uri)
            .header("Authorization", "ApiKey " + encoded)
            .contentType(MediaType.APPLICATION_JSON)
            .body(SEARCH)
            .exchange()
            .expectStatus()
            .isEqualTo(429)
            .expectHeader()
            .exists("Retry-After")
            .expectHeader()
            .valueEquals("X-Elastic-Product", "Elasticsearch")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    JsonNode error = JsonMapper.shared().readTree(refused);
    assertThat(error.path("status").asInt()).isEqualTo(429);
    assertThat(error.path("error").path("type").asString())
        .isEqualTo("es_rejected_execution_exception");
  }

  @Test
  void deletingCancelsASearchNotYetSentAndForgetsIt() {
    String encoded = apiKey("requests:read", "requests:write");
    UUID id =
        id(
            call(
                "POST",
                "/es/logs/_async_search?wait_for_completion_timeout=0s",
                encoded,
                SEARCH,
                200));

    assertThat(
            call("DELETE", "/es/_async_search/" + id, encoded, null, 200)
                .path("acknowledged")
                .asBoolean())
        .isTrue();

    call("GET", "/es/_async_search/" + id, encoded, null, 404);
    call("DELETE", "/es/_async_search/" + id, encoded, null, 404);
    assertThat(
            jdbc.sql("select status from requests where id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("cancelled");
  }

  private String apiKey(String... scopes) {
    return keyOf(token, scopes);
  }

  /** A new key of the user's, in the form Elasticsearch clients take. */
  private String keyOf(String accessToken, String... scopes) {
    return (String) requests.createApiKey(accessToken, scopes).get("encoded");
  }

  private JsonNode call(String method, String uri, String encoded, String body, int status) {
    var call =
        client
            .method(HttpMethod.valueOf(method))
            .uri(uri)
            .header("Authorization", "ApiKey " + encoded)
            .header("Accept", "application/vnd.elasticsearch+json; compatible-with=9");
    if (body != null) {
      call.header("Content-Type", "application/vnd.elasticsearch+json; compatible-with=9")
          .body(body);
    }
    String answer =
        call.exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .valueEquals("X-Elastic-Product", "Elasticsearch")
            .expectHeader()
            .contentTypeCompatibleWith("application/vnd.elasticsearch+json")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return JsonMapper.shared().readTree(answer);
  }

  private static UUID id(JsonNode document) {
    return UUID.fromString(document.path("id").asString());
  }

  /** The response side's answer arrives: the request is marked exported, then the batch lands. */
  private void answer(UUID id, String result) throws IOException {
    publish(
        new ResultRecord(
            id.toString(),
            null,
            JsonMapper.shared().readTree(result),
            3,
            false,
            "0e".repeat(32),
            Instant.now().minusSeconds(2),
            Instant.now().minusSeconds(1)));
  }

  private void publish(TransferRecord record) throws IOException {
    new TestPeer(folders.inbox(), "response").publish(Channel.RESULTS, record);
    importer.importNow();
  }
}
