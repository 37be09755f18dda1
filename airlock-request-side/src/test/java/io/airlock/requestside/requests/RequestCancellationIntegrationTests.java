package io.airlock.requestside.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class RequestCancellationIntegrationTests extends SignedInRequester {

  @Test
  void cancelsAPendingRequestAtOnce() {
    UUID id = requests.submit(token);

    delete(id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("cancelled");

    assertThat(status(id)).isEqualTo("cancelled");
    assertThat(cancellations(id)).isZero();
    requests
        .get(token, "/requests/{id}/status", id)
        .expectBody()
        .jsonPath("$.status_reason")
        .isEqualTo(RequestCancelling.CANCELLED_BY_OWNER);
  }

  @Test
  void marksAnExportedRequestCancellingAndQueuesACancellationForTheExporter() {
    UUID id = requests.submit(token);
    requests.exported(id);

    client
        .delete()
        .uri("/requests/{id}", id)
        .header("Authorization", "Bearer " + token)
        .header("X-Request-ID", "trace-cancel-" + id)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("cancelling");

    assertThat(status(id)).isEqualTo("cancelling");
    assertThat(cancellations(id)).isOne();
    assertThat(
            jdbc.sql(
                    "select user_id, trace_id from request_cancellations where request_id = :id"
                        + " and exported_at is null")
                .param("id", id)
                .query()
                .singleRow())
        .containsEntry("user_id", user.id())
        .as("carried in the cancel record")
        .containsEntry("trace_id", "trace-cancel-" + id);
  }

  @Test
  void queuesOnlyOneCancellationWhenAskedTwice() {
    UUID id = requests.submit(token);
    requests.exported(id);

    delete(id).expectStatus().isAccepted();
    delete(id).expectStatus().isAccepted();

    assertThat(cancellations(id)).isOne();
  }

  @ParameterizedTest
  @ValueSource(strings = {"completed", "failed", "expired", "cancelled"})
  void refusesToCancelAFinishedRequestWith409(String finished) {
    UUID id = requests.submit(token);
    requests.status(id, finished);

    delete(id)
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status_of_request")
        .isEqualTo(finished);

    assertThat(status(id)).isEqualTo(finished);
    assertThat(cancellations(id)).isZero();
  }

  @Test
  void answers404ForAnUnknownRequest() {
    delete(UUID.randomUUID()).expectStatus().isNotFound();
  }

  private RestTestClient.ResponseSpec delete(UUID id) {
    return client
        .delete()
        .uri("/requests/{id}", id)
        .header("Authorization", "Bearer " + token)
        .exchange();
  }

  private String status(UUID id) {
    return jdbc.sql("select status from requests where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private long cancellations(UUID id) {
    return jdbc.sql("select count(*) from request_cancellations where request_id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }
}
