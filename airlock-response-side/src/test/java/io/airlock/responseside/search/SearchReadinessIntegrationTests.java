package io.airlock.responseside.search;

import io.airlock.responseside.ResponseSideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

@ResponseSideIntegrationTest
class SearchReadinessIntegrationTests {

  @LocalServerPort int port;

  @Test
  void isReadyOnlyWithItsSearchClusterWhichItNames() {
    RestTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .build()
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
