package io.airlock.requestside.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.requests.SignedInRequester;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The response as CSV and NDJSON by {@code Accept}, and the long poll {@code ?wait=} that answers
 * as soon as the response arrives.
 */
@RequestSideIntegrationTest
class ResponseDownloadIntegrationTests extends SignedInRequester {

  static final String HITS =
      "{\"hits\": {\"total\": {\"value\": 2}, \"hits\": ["
          + "{\"_id\": \"a\", \"_source\": {\"host\": \"db-1\", \"tags\": [\"x\", \"y\"],"
          + " \"geo\": {\"city\": \"Tabriz, East\"}}},"
          + "{\"_id\": \"b\", \"_source\": {\"host\": \"=cmd()\", \"bytes\": -5}}]}}";

  @Test
  void givesTheHitsAsCsvRowsWithNestedFieldsFlattened() {
    UUID id = answered(HITS);

    String csv =
        asking(id, "text/csv")
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("text/csv;charset=UTF-8")
            .expectHeader()
            .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".csv\"")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    // Columns in the order the stored result (jsonb) gives the fields, first seen first.
    assertThat(csv)
        .isEqualTo(
            "_id,geo.city,host,tags,bytes\r\n"
                + "a,\"Tabriz, East\",db-1,\"[\"\"x\"\",\"\"y\"\"]\",\r\n"
                + "b,,'=cmd(),,-5\r\n");
  }

  @Test
  void givesTheHitsAsNdjsonOneALine() {
    UUID id = answered(HITS);

    String ndjson =
        asking(id, "application/x-ndjson")
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(ndjson.split("\n")).hasSize(2);
    assertThat(ndjson.split("\n")[0]).startsWith("{\"_id\":\"a\"").contains("\"host\":\"db-1\"");
  }

  @Test
  void refusesRowsOfAResultWithoutHitsAndKeepsJsonForAnyone() {
    UUID id = answered("{\"count\": 12}");

    asking(id, "text/csv").expectStatus().isEqualTo(406);
    asking(id, "*/*").expectStatus().isOk().expectBody().jsonPath("$.result.count").isEqualTo(12);
  }

  @Test
  void aLongPollAnswersAsSoonAsTheResponseArrives() throws Exception {
    UUID id = requests.submit(token);
    requests.exported(id);

    long started = System.nanoTime();
    CompletableFuture<Integer> waited =
        CompletableFuture.supplyAsync(
            () ->
                client
                    .get()
                    .uri("/requests/{id}/response?wait=30s", id)
                    .header("Authorization", "Bearer " + token)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.result.count")
                    .isEqualTo(7)
                    .returnResult()
                    .getStatus()
                    .value());
    Thread.sleep(500);
    assertThat(waited).isNotDone();
    requests.responded(id, "{\"count\": 7}", "0".repeat(64));

    assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aLongPollThatRunsOutAnswersAsWithoutWaiting() {
    UUID id = requests.submit(token);

    requests
        .get(token, "/requests/{id}/response?wait=1s", id)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("No response yet");
    requests.get(token, "/requests/{id}/response?wait=2m", id).expectStatus().isBadRequest();
    UUID theirs = requests.submit(users.accessToken(requests.user()));
    requests.get(token, "/requests/{id}/response?wait=5s", theirs).expectStatus().isNotFound();
  }

  private RestTestClient.ResponseSpec asking(UUID id, String accept) {
    return client
        .get()
        .uri("/requests/{id}/response", id)
        .header("Authorization", "Bearer " + token)
        .header(HttpHeaders.ACCEPT, accept)
        .exchange();
  }

  private UUID answered(String result) {
    UUID id = requests.submit(token);
    requests.responded(id, result, "0".repeat(64));
    return id;
  }
}
