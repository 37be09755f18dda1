package io.airlock.responseside;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.queue.QueueFixture;
import io.airlock.transfer.records.QueryType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The monitoring API: read-only statistics for admins. */
@AdminApiIntegrationTest
class StatsApiIntegrationTests {

  private static final List<String> STATS =
      List.of("/stats/queue", "/stats/workers", "/stats/search", "/stats/cache");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  RestTestClient admin;

  @BeforeEach
  void connect() {
    admin = AdminApi.asAdmin(port);
  }

  @Test
  void queueStatsCountWaitingAndRunningRequestsByPriority() {
    QueueFixture fixture = new QueueFixture(jdbc);
    fixture.drain();
    fixture.enqueue("assets", QueryType.COUNT, "{}", 2);
    fixture.enqueue("assets", QueryType.COUNT, "{}", 2);
    fixture.enqueue("assets", QueryType.COUNT, "{}", 7);

    Map<String, Object> stats = get("/stats/queue");

    assertThat(stats).containsEntry("queued", 3).containsEntry("processing", 0);
    assertThat(stats.get("depth"))
        .isEqualTo(
            List.of(
                Map.of("status", "queued", "priority", 7, "requests", 1, "waiting_to_retry", 0),
                Map.of("status", "queued", "priority", 2, "requests", 2, "waiting_to_retry", 0)));
    assertThat(stats.get("oldest_queued_received_at")).isNotNull();
    assertThat((Integer) stats.get("oldest_queued_age_seconds")).isNotNegative();
  }

  @Test
  void workerStatsSayWhatThisInstanceRuns() {
    Map<String, Object> stats = get("/stats/workers");

    // The test contexts run no workers (see ResponseSideIntegrationTest).
    assertThat(stats)
        .containsEntry("enabled", false)
        .containsEntry("configured", 0)
        .containsEntry("alive", 0)
        .containsEntry("busy", 0);
    assertThat((String) stats.get("instance_id")).isNotBlank();
  }

  @Test
  void searchStatsDescribeTheCluster() {
    assertThat(get("/stats/search"))
        .containsEntry("available", true)
        .containsEntry("distribution", "opensearch")
        .containsEntry("version", "2.19.1")
        .containsKeys("cluster_name", "status");
  }

  @Test
  void cacheStatsGiveBothLevelsAndTheHitRatio() {
    Map<String, Object> stats = get("/stats/cache");

    assertThat(stats).containsKeys("memory", "database", "memory_max_bytes", "misses", "hit_ratio");
    assertThat(stats.get("database").toString()).contains("entries=", "bytes=", "hits=");
    assertThat(stats.get("memory_max_bytes")).isEqualTo(64 * 1024 * 1024);
  }

  @Test
  void refusesUsersWhoAreNotAdminsAndAnonymousCallers() {
    String username = AdminApi.uniqueUsername("plain");
    AdminApi.createHighSideAccount(admin, username, "user", "user-password-1");
    RestTestClient user = AdminApi.as(port, username, "user-password-1");

    for (String path : STATS) {
      user.get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isForbidden()
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
      AdminApi.anonymous(port).get().uri(path).exchange().expectStatus().isUnauthorized();
    }
  }

  @Test
  void documentsEveryStatisticInTheOpenApiDescription() {
    Map<String, Object> paths = (Map<String, Object>) get("/docs/openapi.json").get("paths");

    assertThat(paths).containsKeys(STATS.toArray(String[]::new));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(String path) {
    return admin
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }
}
