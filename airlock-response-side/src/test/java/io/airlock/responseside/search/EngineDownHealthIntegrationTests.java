package io.airlock.responseside.search;

import io.airlock.responseside.ResponseSideIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The probes' view of a response side whose search engine cannot be reached. */
@ResponseSideIntegrationTest
class EngineDownHealthIntegrationTests {

  @DynamicPropertySource
  static void unreachableEngine(DynamicPropertyRegistry properties) {
    properties.add("airlock.search.url", () -> SearchFixture.closedPort().toString());
  }

  @LocalServerPort int port;
  RestTestClient client;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void isNotReadyAndSaysItIsTheEngine() {
    client
        .get()
        .uri("/health/ready")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("DOWN")
        .jsonPath("$.components.search.status")
        .isEqualTo("DOWN")
        .jsonPath("$.components.db.status")
        .isEqualTo("UP");
  }

  @Test
  void tellsALoadBalancerItIsDownWithoutSayingWhy() {
    client
        .get()
        .uri("/health")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("DOWN")
        .jsonPath("$.components")
        .doesNotExist();
  }

  @Test
  void staysLiveSinceARestartWouldNotBringTheEngineBack() {
    client.get().uri("/health/live").exchange().expectStatus().isOk();
  }
}
