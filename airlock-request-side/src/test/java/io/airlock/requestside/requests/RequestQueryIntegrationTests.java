package io.airlock.requestside.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@RequestSideIntegrationTest
class RequestQueryIntegrationTests extends SignedInRequester {

  @Test
  void showsOneOwnRequestWithoutAResponseSummaryUntilOneArrives() {
    UUID id = requests.submit(token);

    requests
        .get(token, "/requests/{id}", id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(id.toString())
        .jsonPath("$.index")
        .isEqualTo("logs")
        .jsonPath("$.query_type")
        .isEqualTo("search")
        .jsonPath("$.query_params.size")
        .isEqualTo(5)
        .jsonPath("$.priority")
        .isEqualTo(1)
        .jsonPath("$.status")
        .isEqualTo("pending")
        .jsonPath("$.status_url")
        .isEqualTo("/requests/" + id + "/status")
        .jsonPath("$.stages.submitted")
        .exists()
        .jsonPath("$.response")
        .doesNotExist();

    requests.responded(id, "{\"hits\":{\"total\":1}}", "ab".repeat(32));

    requests
        .get(token, "/requests/{id}", id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("completed")
        .jsonPath("$.response.execution_ms")
        .isEqualTo(42)
        .jsonPath("$.response.cache_hit")
        .isEqualTo(true)
        .jsonPath("$.response.result_sha256")
        .isEqualTo("ab".repeat(32))
        .jsonPath("$.response.response_url")
        .isEqualTo("/requests/" + id + "/response");
  }

  @Test
  void showsStatusWithEveryStageTimestamp() {
    UUID id = requests.submit(token);
    requests
        .get(token, "/requests/{id}/status", id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("pending")
        .jsonPath("$.stages.submitted")
        .exists()
        .jsonPath("$.stages.exported")
        .doesNotExist();

    requests.responded(id, "{}", "cd".repeat(32));

    requests
        .get(token, "/requests/{id}/status", id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("completed")
        .jsonPath("$.stages.submitted")
        .exists()
        .jsonPath("$.stages.exported")
        .exists()
        .jsonPath("$.stages.received")
        .exists()
        .jsonPath("$.stages.executed")
        .exists()
        .jsonPath("$.stages.result_exported")
        .exists()
        .jsonPath("$.stages.result_received")
        .exists()
        .jsonPath("$.query_params")
        .doesNotExist();
  }

  @Test
  void answers404ForAnotherUsersRequestOnEveryEndpoint() {
    UUID theirs = requests.submit(users.accessToken(requests.user()));

    for (String uri :
        List.of("/requests/{id}", "/requests/{id}/status", "/requests/{id}/response")) {
      requests.get(token, uri, theirs).expectStatus().isNotFound();
    }
    client
        .delete()
        .uri("/requests/{id}", theirs)
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isNotFound();
    assertThat(
            jdbc.sql("select status from requests where id = :id")
                .param("id", theirs)
                .query(String.class)
                .single())
        .isEqualTo("pending");
  }

  @Test
  void answers404ForAnUnknownRequest() {
    requests
        .get(token, "/requests/{id}", UUID.randomUUID())
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
  }

  @Test
  void listsOnlyOwnRequestsNewestFirstByDefault() {
    requests.submit(users.accessToken(requests.user()));
    List<UUID> mine = submitted(3);

    requests
        .get(token, "/requests")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(3)
        .jsonPath("$.items.length()")
        .isEqualTo(3)
        .jsonPath("$.items[0].id")
        .isEqualTo(mine.get(2).toString())
        .jsonPath("$.items[2].id")
        .isEqualTo(mine.get(0).toString());
  }

  @Test
  void sortsOldestFirstOnRequest() {
    List<UUID> mine = submitted(2);

    requests
        .get(token, "/requests?sort=created,asc")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].id")
        .isEqualTo(mine.get(0).toString());
  }

  @Test
  void pagesThroughRequests() {
    List<UUID> mine = submitted(5);

    requests
        .get(token, "/requests?page=1&size=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.page")
        .isEqualTo(1)
        .jsonPath("$.size")
        .isEqualTo(2)
        .jsonPath("$.total")
        .isEqualTo(5)
        .jsonPath("$.items.length()")
        .isEqualTo(2)
        .jsonPath("$.items[0].id")
        .isEqualTo(mine.get(2).toString());
    requests
        .get(token, "/requests?page=2&size=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(1);
  }

  @Test
  void capsThePageSizeAt200() {
    requests
        .get(token, "/requests?size=5000")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.size")
        .isEqualTo(200);
  }

  @Test
  void refusesANegativePageOrAnEmptySize() {
    requests
        .get(token, "/requests?page=-1")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("page");
    requests
        .get(token, "/requests?size=0")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("size");
  }

  @Test
  void filtersByStatus() {
    List<UUID> mine = submitted(3);
    requests.exported(mine.get(1));

    requests
        .get(token, "/requests?status=exported")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(1)
        .jsonPath("$.items[0].id")
        .isEqualTo(mine.get(1).toString());
    requests
        .get(token, "/requests?status=pending")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(2);
  }

  @Test
  void refusesAnUnknownStatusFilterOrSort() {
    requests
        .get(token, "/requests?status=done")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("status");
    requests
        .get(token, "/requests?sort=priority,desc")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("sort");
  }

  private List<UUID> submitted(int count) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID id = requests.submit(token);
      // Distinct, increasing submission times regardless of clock resolution.
      jdbc.sql(
              "update requests set submitted_at = now() + make_interval(secs => :i) where id = :id")
          .param("i", i)
          .param("id", id)
          .update();
      ids.add(id);
    }
    return ids;
  }
}
