package io.airlock.responseside.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.transfer.records.QueryType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The incoming requests through the admin API: the listing, one request, cancel and priority. */
@AdminApiIntegrationTest
class OperatorRequestsIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  RestTestClient admin;
  QueueFixture queue;
  String username;
  UUID userId;

  @BeforeEach
  void setUp() {
    admin = AdminApi.asAdmin(port);
    queue = new QueueFixture(jdbc);
    username = AdminApi.uniqueUsername("asker");
    userId =
        UUID.fromString(
            (String)
                AdminApi.createUser(admin, username, "user", "a long enough password").get("id"));
  }

  @Test
  void listsFiltersSortsAndFindsByTraceId() {
    UUID low = enqueue(1);
    UUID high = enqueue(3);

    assertThat(ids("/admin/requests?user={u}", username)).containsExactly(high, low);
    assertThat(ids("/admin/requests?user={u}&sort=oldest", username)).containsExactly(low, high);
    assertThat(ids("/admin/requests?user={u}&sort=priority", username)).containsExactly(high, low);
    assertThat(ids("/admin/requests?user={u}&priority=1", username)).containsExactly(low);
    assertThat(ids("/admin/requests?q={t}", "trace-" + low)).containsExactly(low);
    assertThat(ids("/admin/requests?q={id}", high.toString().toUpperCase())).containsExactly(high);
    assertThat(ids("/admin/requests?user=nobody-at-all")).isEmpty();
    admin.get().uri("/admin/requests?status=lost").exchange().expectStatus().isBadRequest();
    admin.get().uri("/admin/requests?sort=random").exchange().expectStatus().isBadRequest();
  }

  @Test
  void showsOneRequestWithItsUserAndTheirProfilesHighestPriority() {
    UUID id = enqueue(2);

    admin
        .get()
        .uri("/admin/requests/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo(username)
        .jsonPath("$.max_priority")
        .isEqualTo(5)
        .jsonPath("$.request.query_params.size")
        .isEqualTo(3)
        .jsonPath("$.request.request.status")
        .isEqualTo("queued")
        .jsonPath("$.answer")
        .isEmpty();
    admin
        .get()
        .uri("/admin/requests/{id}", UUID.randomUUID())
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void cancelsAQueuedRequestAnsweringItCancelledAndLogsWhoDidIt() {
    UUID id = enqueue(2);

    admin
        .post()
        .uri("/admin/requests/{id}/cancel", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.request.request.status")
        .isEqualTo("cancelled")
        .jsonPath("$.answer.outcome")
        .isEqualTo("cancelled");
    assertThat(queue.answer(id))
        .containsEntry("reason_code", "cancelled")
        .containsEntry("reason_detail", "cancelled by the operator " + AdminApi.ADMIN);
    assertThat(logged("Cancelled a queued request", id)).isEqualTo(1);
    admin
        .post()
        .uri("/admin/requests/{id}/cancel", id)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Request not queued");
    admin
        .post()
        .uri("/admin/requests/{id}/cancel", UUID.randomUUID())
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void setsAQueuedRequestsPriorityWithinItsUsersProfile() {
    UUID id = enqueue(1);

    admin
        .put()
        .uri("/admin/requests/{id}/priority", id)
        .body(Map.of("priority", 4))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.request.request.priority")
        .isEqualTo(4);
    assertThat(queue.request(id)).containsEntry("priority", 4);
    assertThat(logged("Set a queued request's priority", id)).isEqualTo(1);
    admin
        .put()
        .uri("/admin/requests/{id}/priority", id)
        .body(Map.of("priority", 6))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("priority");
    admin.post().uri("/admin/requests/{id}/cancel", id).exchange().expectStatus().isOk();
    admin
        .put()
        .uri("/admin/requests/{id}/priority", id)
        .body(Map.of("priority", 2))
        .exchange()
        .expectStatus()
        .isEqualTo(409);
  }

  @Test
  void retriesAFailedRequestAfreshForgettingItsFailure() {
    UUID failed = enqueue(2);
    jdbc.sql(
            """
            update incoming_requests set status = 'failed', reason_code = 'search_unavailable',
                attempts = 3, runs = 3, finished_at = now() where request_id = :id""")
        .param("id", failed)
        .update();
    jdbc.sql(
            """
            insert into query_results (request_id, outcome, reason_code, reason_detail,
                export_sequence, exported_at)
            values (:id, 'failed', 'search_unavailable', 'the engine did not answer', 7, now())""")
        .param("id", failed)
        .update();
    UUID queued = enqueue(1);

    admin
        .post()
        .uri("/admin/requests/{id}/retry", failed)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.request.request.status")
        .isEqualTo("queued")
        .jsonPath("$.request.request.attempts")
        .isEqualTo(0)
        .jsonPath("$.answer")
        .isEmpty();
    assertThat(queue.answer(failed)).isEmpty();
    assertThat(logged("Retried a failed request", failed)).isEqualTo(1);
    admin
        .post()
        .uri("/admin/requests/{id}/retry", queued)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Request not failed");
    admin
        .post()
        .uri("/admin/requests/{id}/retry", UUID.randomUUID())
        .exchange()
        .expectStatus()
        .isNotFound();

    // Refused on arrival, it has no query a worker could run: it stays failed.
    UUID refused = enqueue(1);
    jdbc.sql(
            """
            update incoming_requests set status = 'failed', reason_code = 'bad_query',
                query_params = null, cache_key = null where request_id = :id""")
        .param("id", refused)
        .update();
    admin
        .post()
        .uri("/admin/requests/{id}/retry", refused)
        .exchange()
        .expectStatus()
        .isEqualTo(409);
    assertThat(queue.status(refused)).isEqualTo("failed");
  }

  @Test
  void refusesOperatorsWhoAreNotAdminsAndAnonymousCallers() {
    String plain = AdminApi.uniqueUsername("plain");
    AdminApi.createHighSideAccount(admin, plain, "user", "user-password-1");
    UUID id = enqueue(1);

    AdminApi.as(port, plain, "user-password-1")
        .post()
        .uri("/admin/requests/{id}/cancel", id)
        .exchange()
        .expectStatus()
        .isForbidden();
    AdminApi.anonymous(port)
        .get()
        .uri("/admin/requests")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(queue.status(id)).isEqualTo("queued");
  }

  private UUID enqueue(int priority) {
    UUID id = queue.enqueue("incidents", QueryType.SEARCH, "{\"size\": 3}", priority);
    jdbc.sql("update incoming_requests set user_id = :user where request_id = :id")
        .param("user", userId)
        .param("id", id)
        .update();
    return id;
  }

  @SuppressWarnings("unchecked")
  private List<UUID> ids(String uri, Object... variables) {
    Map<String, Object> page =
        admin
            .get()
            .uri(uri, variables)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) page.get("items"))
        .stream()
            .map(
                row -> UUID.fromString((String) ((Map<?, ?>) row.get("request")).get("request_id")))
            .toList();
  }

  private long logged(String message, UUID id) {
    return jdbc.sql(
            """
            select count(*) from system_logs where component = 'operator' and message = :message
              and details ->> 'request_id' = :id and details ->> 'operator' = :operator""")
        .param("message", message)
        .param("id", id.toString())
        .param("operator", AdminApi.ADMIN)
        .query(Long.class)
        .single();
  }
}
