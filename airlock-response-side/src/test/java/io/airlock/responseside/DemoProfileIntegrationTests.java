package io.airlock.responseside;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@ResponseSideIntegrationTest
@ActiveProfiles("demo")
class DemoProfileIntegrationTests {

  @LocalServerPort int port;

  @Test
  void createsTheDemoAdminSoTheStandaloneCanBeTriedAtOnce() {
    AdminApi.as(port, "admin", "airlock-demo-admin")
        .get()
        .uri("/admin/users")
        .exchange()
        .expectStatus()
        .isOk();
  }
}
