package io.airlock.requestside;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class ApiDocumentationIntegrationTests {

  @LocalServerPort int port;
  RestTestClient client;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void documentsBearerTokensAndApiKeysWithLoginOpenToAnyone() {
    client
        .get()
        .uri("/docs/openapi.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.securitySchemes.bearer.scheme")
        .isEqualTo("bearer")
        .jsonPath("$.components.securitySchemes.apiKey.name")
        .isEqualTo("X-API-Key")
        .jsonPath("$.security.length()")
        .isEqualTo(2)
        .jsonPath("$.paths['/auth/login'].post.security.length()")
        .isEqualTo(0)
        .jsonPath("$.paths['/users/me'].get")
        .exists();
  }

  @Test
  void documentsTheAdminEndpoints() {
    client
        .get()
        .uri("/docs/openapi.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/admin/users'].get.tags[0]")
        .isEqualTo("Admin")
        .jsonPath("$.paths['/admin/users/{id}'].get")
        .exists()
        .jsonPath("$.paths['/admin/requests'].get.parameters[?(@.name == 'submitted_from')]")
        .exists()
        .jsonPath("$.paths['/admin/stats'].get")
        .exists()
        .jsonPath("$.paths['/admin/export-batches'].get")
        .exists()
        .jsonPath("$.paths['/admin/import-batches'].get")
        .exists()
        .jsonPath("$.paths['/admin/audit-logs'].get.responses['200'].content['text/csv']")
        .exists()
        .jsonPath("$.paths['/admin/notifications'].get.parameters[?(@.name == 'status')]")
        .exists();
  }

  @Test
  void documentsTheNotificationChoice() {
    client
        .get()
        .uri("/docs/openapi.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/users/me/notifications'].get.summary")
        .isEqualTo("How you hear that a request of yours has ended")
        .jsonPath("$.paths['/users/me/notifications'].put.tags[0]")
        .isEqualTo("Notifications")
        .jsonPath("$.paths['/users/me/notifications/webhook-secret'].post")
        .exists();
  }
}
