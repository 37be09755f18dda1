package io.airlock.requestside;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
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
  void servesTheSwaggerUiAtDocs() {
    String page =
        client
            .get()
            .uri("/docs")
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult()
            .getResponseHeaders()
            .getLocation()
            .toString();
    String html =
        client
            .get()
            .uri(page)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(html).contains("<title>Swagger UI</title>");
    client
        .get()
        .uri("/docs/openapi.json/swagger-config")
        .exchange()
        .expectBody()
        .jsonPath("$.url")
        .isEqualTo("/docs/openapi.json");
  }

  @Test
  void describesItsApiAsOpenApiJsonUnderItsOwnTitle() {
    client
        .get()
        .uri("/docs/openapi.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.openapi")
        .value(String.class, version -> assertThat(version).startsWith("3."))
        .jsonPath("$.info.title")
        .isEqualTo(ApiDocumentation.TITLE)
        .jsonPath("$.paths['/error']")
        .doesNotExist();
  }
}
