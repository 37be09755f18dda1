package io.airlock.responseside.search;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The engine's details are an admin's to see, like every health component's on this side. */
@AdminApiIntegrationTest
class SearchReadinessIntegrationTests {

  @LocalServerPort int port;

  @Test
  void isReadyOnlyWithItsSearchClusterWhichItNames() {
    AdminApi.asAdmin(port)
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.search.status")
        .isEqualTo("UP")
        .jsonPath("$.components.search.details.distribution")
        .isEqualTo("opensearch")
        .jsonPath("$.components.search.details.version")
        .isEqualTo("2.19.1");
  }
}
