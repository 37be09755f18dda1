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
 * Maintenance switched on the response side crossing the gap: the directory setting {@code
 * maintenance} makes the request side refuse submissions with its message, and clearing it lets
 * them in again.
 */
class MaintenanceIntegrationTests {

  static final String MESSAGE = "The search cluster is being upgraded until 14:00.";
  static final String SEARCH =
      """
      {"index":"incidents","query_type":"search","priority":1,"query_params":{"query":{"match_all":{}},"size":1}}""";

  @TempDir static Path root;

  private static TwoSides airlock;

  @BeforeAll
  static void start() throws Exception {
    airlock = TwoSides.start(root);
  }

  @AfterAll
  static void stop() {
    if (airlock != null) {
      airlock.close();
    }
  }

  @Test
  void theResponseSidesMaintenanceSettingRefusesSubmissionsUntilCleared() throws Exception {
    String username = "maint" + System.nanoTime() % 100_000;
    airlock.createUser(username, TwoSides.BULK_PROFILE);
    String token = airlock.signIn(username);
    HttpResponse<String> before = submit(token);
    assertThat(before.statusCode()).as("before maintenance: " + before.body()).isEqualTo(202);

    HttpResponse<String> set =
        airlock.asAdmin(
            "PUT", "/admin/settings/maintenance", "{\"value\":\"%s\"}".formatted(MESSAGE));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

    HttpResponse<String> refused =
        TwoSides.eventually(() -> submit(token), r -> r.statusCode() == 503);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("300");
    JsonNode problem = JsonMapper.shared().readTree(refused.body());
    assertThat(problem.path("detail").asString()).isEqualTo(MESSAGE);
    assertThat(airlock.onRequestSide("GET", "/requests", token, null).statusCode())
        .as("reads go on")
        .isEqualTo(200);

    assertThat(
            airlock.asAdmin("PUT", "/admin/settings/maintenance", "{\"value\":\"\"}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> accepted =
        TwoSides.eventually(() -> submit(token), r -> r.statusCode() == 202);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
  }

  private static HttpResponse<String> submit(String token) throws Exception {
    return airlock.onRequestSide("POST", "/requests", token, SEARCH);
  }
}
