package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The start-up check of the search account on the shared OpenSearch node, which has no security.
 */
@AdminApiIntegrationTest
class SearchAccountHealthIntegrationTests {

  @LocalServerPort int port;
  @Autowired SearchAccountCheck check;

  @Test
  void reportsAtStartUpThatANodeWithoutSecurityIsNotChecked() {
    await().atMost(Duration.ofSeconds(30)).until(() -> check.latest().isPresent());

    assertThat(check.latest().orElseThrow().outcome())
        .isEqualTo(new AccountCheck.NotChecked(AccountInspection.SECURITY_OFF));
    AdminApi.asAdmin(port)
        .get()
        .uri("/actuator/health/searchAccount")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.details.check")
        .isEqualTo(AccountInspection.SECURITY_OFF)
        .jsonPath("$.details.warning")
        .doesNotExist();
  }

  @Test
  void leavesTheAccountCheckOutOfReadiness() {
    AdminApi.anonymous(port)
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectBody()
        .jsonPath("$.components.search")
        .exists()
        .jsonPath("$.components.searchAccount")
        .doesNotExist();
  }
}
