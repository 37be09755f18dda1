package io.airlock.requestside.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.requests.SignedInRequester;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RequestSideIntegrationTest
class ResponseIntegrationTests extends SignedInRequester {

  static final String RESULT = "{\"hits\":{\"total\":{\"value\":2},\"hits\":[{\"_id\":\"a\"}]}}";

  @Autowired ResponseBodies bodies;

  @Test
  void answers404UntilTheResponseHasArrived() {
    UUID id = requests.submit(token);

    requests
        .get(token, "/requests/{id}/response", id)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("No response yet")
        .jsonPath("$.status_of_request")
        .isEqualTo("pending");
  }

  @Test
  void saysWhenARequestEndedWithoutAResponse() {
    UUID id = requests.submit(token);
    requests.status(id, "failed");

    requests
        .get(token, "/requests/{id}/response", id)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("No response")
        .jsonPath("$.status_of_request")
        .isEqualTo("failed");
  }

  @Test
  void servesTheResultWithItsMetadataAndChecksumAsETag() {
    UUID id = requests.submit(token);
    String sha = "0f".repeat(32);
    requests.responded(id, RESULT, sha);

    requests
        .get(token, "/requests/{id}/response", id)
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("ETag", "W/\"" + sha + "\"")
        .expectHeader()
        .valueEquals("Cache-Control", "no-cache, private")
        .expectBody()
        .jsonPath("$.request_id")
        .isEqualTo(id.toString())
        .jsonPath("$.result.hits.total.value")
        .isEqualTo(2)
        .jsonPath("$.result.hits.hits[0]._id")
        .isEqualTo("a")
        .jsonPath("$.execution_ms")
        .isEqualTo(42)
        .jsonPath("$.cache_hit")
        .isEqualTo(true)
        .jsonPath("$.result_sha256")
        .isEqualTo(sha)
        .jsonPath("$.stages.submitted")
        .exists()
        .jsonPath("$.stages.executed")
        .exists()
        .jsonPath("$.stages.result_received")
        .exists();
  }

  @Test
  void answers304WhenTheClientHoldsTheCurrentETag() {
    UUID id = requests.submit(token);
    String sha = "1e".repeat(32);
    requests.responded(id, RESULT, sha);

    client
        .get()
        .uri("/requests/{id}/response", id)
        .header("Authorization", "Bearer " + token)
        .header("If-None-Match", "\"" + sha + "\"")
        .exchange()
        .expectStatus()
        .isNotModified()
        .expectHeader()
        .valueEquals("ETag", "W/\"" + sha + "\"")
        .expectBody()
        .isEmpty();
    client
        .get()
        .uri("/requests/{id}/response", id)
        .header("Authorization", "Bearer " + token)
        .header("If-None-Match", "\"something-else\"")
        .exchange()
        .expectStatus()
        .isOk();
    client
        .get()
        .uri("/requests/{id}/response", id)
        .header("Authorization", "Bearer " + token)
        .header("If-None-Match", "\"something-else\", W/\"" + sha + "\"")
        .exchange()
        .expectStatus()
        .isNotModified();
  }

  @Test
  void gzipsALargeResponseForAClientThatAcceptsIt() throws Exception {
    UUID id = requests.submit(token);
    String hits =
        IntStream.range(0, 40)
            .mapToObj(
                i -> "{\"_id\":\"doc-%d\",\"_source\":{\"severity\":\"critical\"}}".formatted(i))
            .collect(Collectors.joining(","));
    requests.responded(
        id, "{\"hits\":{\"total\":{\"value\":40},\"hits\":[" + hits + "]}}", "7d".repeat(32));

    HttpResponse<byte[]> zipped =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/requests/" + id + "/response"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(zipped.statusCode()).isEqualTo(200);
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.headers().firstValue("ETag")).hasValue("W/\"" + "7d".repeat(32) + "\"");
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
    assertThat(unzipped).isEqualTo(body(id)).hasSizeGreaterThan(1024);
  }

  @Test
  void servesARepeatedReadFromTheInProcessCache() {
    UUID id = requests.submit(token);
    requests.responded(id, RESULT, "2d".repeat(32));
    byte[] first = body(id);
    long hits = bodies.hits();

    byte[] second = body(id);

    assertThat(second).isEqualTo(first);
    assertThat(bodies.hits()).isEqualTo(hits + 1);
  }

  @Test
  void answers404ForAnotherUsersResponseEvenWithItsETag() {
    String theirToken = users.accessToken(requests.user());
    UUID theirs = requests.submit(theirToken);
    String sha = "3c".repeat(32);
    requests.responded(theirs, RESULT, sha);
    body(theirs, theirToken);

    client
        .get()
        .uri("/requests/{id}/response", theirs)
        .header("Authorization", "Bearer " + token)
        .header("If-None-Match", "\"" + sha + "\"")
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void listsOwnResponsesPaginated() {
    requests.responded(
        requests.submit(users.accessToken(requests.user())), RESULT, "4b".repeat(32));
    UUID first = requests.submit(token);
    UUID second = requests.submit(token);
    requests.submit(token);
    requests.responded(first, RESULT, "5a".repeat(32));
    requests.responded(second, RESULT, "69".repeat(32));
    jdbc.sql(
            "update responses set received_at = now() + interval '1 second' where request_id = :id")
        .param("id", second)
        .update();

    requests
        .get(token, "/responses?size=1")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(2)
        .jsonPath("$.size")
        .isEqualTo(1)
        .jsonPath("$.items.length()")
        .isEqualTo(1)
        .jsonPath("$.items[0].request_id")
        .isEqualTo(second.toString())
        .jsonPath("$.items[0].response_url")
        .isEqualTo("/requests/" + second + "/response")
        .jsonPath("$.items[0].result")
        .doesNotExist();
    requests
        .get(token, "/responses?page=1&size=1")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].request_id")
        .isEqualTo(first.toString());
  }

  private byte[] body(UUID id) {
    return body(id, token);
  }

  private byte[] body(UUID id, String accessToken) {
    return requests
        .get(accessToken, "/requests/{id}/response", id)
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult()
        .getResponseBody();
  }
}
