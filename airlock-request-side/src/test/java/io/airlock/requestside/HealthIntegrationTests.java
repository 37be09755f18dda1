package io.airlock.requestside;

import io.airlock.transfer.SenderEpoch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class HealthIntegrationTests {

  @LocalServerPort int port;
  @Autowired SenderEpoch sender;
  RestTestClient client;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void isUpWithItsDatabaseAndTransferFolders() {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.db.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.details.signatures")
        .isEqualTo("on");
  }

  @Test
  void isReadyOnlyWhenItsDatabaseAndTransferFoldersAre() {
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.readinessState.status")
        .isEqualTo("UP")
        .jsonPath("$.components.db.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.status")
        .isEqualTo("UP");
  }

  @Test
  void isLive() {
    client
        .get()
        .uri("/actuator/health/liveness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }

  @Test
  void tellsWhichNodeItIs() {
    client
        .get()
        .uri("/actuator/info")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.airlock.side")
        .isEqualTo("request")
        .jsonPath("$.airlock.nodeId")
        .isEqualTo("request")
        .jsonPath("$.airlock.senderEpoch")
        .isEqualTo(sender.epoch())
        .jsonPath("$.build.artifact")
        .isEqualTo("airlock-request-side");
  }
}
