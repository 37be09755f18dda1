package io.airlock.requestside.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.requests.RequestFixture;
import io.airlock.requestside.requests.SignedInRequester;
import io.airlock.requestside.users.User;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maintenance as users and administrators see it: this side's own switch and the response side's
 * setting refuse submissions on every way in, and leave reads alone.
 */
@RequestSideIntegrationTest
class MaintenanceIntegrationTests extends SignedInRequester {

  static final String SEARCH = "{\"query\":{\"match_all\":{}},\"size\":5}";

  User admin;
  String adminToken;

  @BeforeEach
  void signInAdmin() {
    admin = users.create("admin", true);
    adminToken = users.accessToken(admin);
  }

  /** The tests share their database with the others: maintenance must end with each. */
  @AfterEach
  void endMaintenance() {
    jdbc.sql("delete from maintenance_mode").update();
    jdbc.sql("delete from settings where key = 'maintenance'").update();
  }

  @Test
  void refusesSubmissionsWith503RetryAfterAndTheMessageButKeepsReadsThenTakesThemAgain() {
    UUID earlier = requests.submit(token);
    String key = esKey();

    maintenance(
            Map.of("enabled", true, "message", "Upgrading the database until 14:00."), adminToken)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(true)
        .jsonPath("$.source")
        .isEqualTo("local")
        .jsonPath("$.local.changed_by")
        .exists();

    requests
        .post(token, RequestFixture.search("logs", SEARCH, 1))
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "300")
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Under maintenance")
        .jsonPath("$.detail")
        .isEqualTo("Upgrading the database until 14:00.");
    JsonNode es = esSubmit(key, 503);
    assertThat(es.path("error").path("reason").asString())
        .isEqualTo("Upgrading the database until 14:00.");
    assertThat(requests.requestsOf(user)).as("nothing stored").isOne();

    requests.get(token, "/requests/{id}", earlier).expectStatus().isOk();
    requests.get(token, "/requests").expectStatus().isOk();

    client
        .delete()
        .uri("/admin/maintenance")
        .header("Authorization", "Bearer " + adminToken)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(false);
    requests.submit(token);
    esSubmit(key, 200);
    assertThat(
            jdbc.sql(
                    "select action from audit_logs where resource = 'maintenance' and actor = :a"
                        + " order by id")
                .param("a", admin.username())
                .query(String.class)
                .list())
        .containsExactly("maintenance.on", "maintenance.off");
  }

  @Test
  void letsOnlyAdministratorsSwitchIt() {
    maintenance(Map.of("enabled", true, "message", "mine"), token).expectStatus().isForbidden();
    client
        .put()
        .uri("/admin/maintenance")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("enabled", true))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .get()
        .uri("/admin/maintenance")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isForbidden();
    requests.submit(token);
  }

  @Test
  void followsTheResponseSidesSettingOnEveryInstanceAndPrefersThisSidesMessage() {
    // Cached as open first: only the database's signal can tell this instance otherwise.
    requests.submit(token);
    setting("Read-only while the index is rebuilt.");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                requests
                    .post(token, RequestFixture.search("logs", SEARCH, 1))
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("Read-only while the index is rebuilt."));

    maintenance(Map.of("enabled", true), adminToken)
        .expectBody()
        .jsonPath("$.source")
        .isEqualTo("local")
        .jsonPath("$.message")
        .isEqualTo(MaintenanceController.DEFAULT_MESSAGE);
    maintenance(Map.of("enabled", false), adminToken)
        .expectBody()
        .jsonPath("$.source")
        .isEqualTo("directory")
        .jsonPath("$.message")
        .isEqualTo("Read-only while the index is rebuilt.");

    setting("  ");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                requests
                    .post(token, RequestFixture.search("logs", SEARCH, 1))
                    .expectStatus()
                    .isAccepted());
  }

  /** As the directory import writes it (another instance may have imported it). */
  private void setting(String value) {
    jdbc.sql(
            """
            insert into settings (key, value, version) values ('maintenance', :value, :version)
            on conflict (key) do update set value = excluded.value, version = excluded.version""")
        .param("value", value)
        .param("version", System.nanoTime())
        .update();
  }

  private RestTestClient.ResponseSpec maintenance(Map<String, Object> body, String bearer) {
    return client
        .put()
        .uri("/admin/maintenance")
        .header("Authorization", "Bearer " + bearer)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange();
  }

  private String esKey() {
    return (String) requests.createApiKey(token, "requests:write").get("encoded");
  }

  private JsonNode esSubmit(String key, int status) {
    var exchanged =
        client
            .post()
            .uri("/es/logs/_async_search?wait_for_completion_timeout=0s")
            .header("Authorization", "ApiKey " + key)
            .contentType(MediaType.APPLICATION_JSON)
            .body(SEARCH)
            .exchange()
            .expectStatus()
            .isEqualTo(status);
    if (status == 503) {
      exchanged.expectHeader().valueEquals("Retry-After", "300");
    }
    return JsonMapper.shared()
        .readTree(exchanged.expectBody(String.class).returnResult().getResponseBody());
  }
}
