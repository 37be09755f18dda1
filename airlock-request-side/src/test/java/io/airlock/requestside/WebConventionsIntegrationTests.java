package io.airlock.requestside;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.web.RequestId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class WebConventionsIntegrationTests {

  @LocalServerPort int port;
  RestTestClient client;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void answersAnUnknownPathWithProblemJson404() {
    client
        .get()
        .uri("/no/such/thing")
        .header(RequestId.HEADER, "lost-1")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.instance")
        .isEqualTo("/no/such/thing")
        .jsonPath("$.requestId")
        .isEqualTo("lost-1");
  }

  @Test
  void echoesTheCallersRequestId() {
    client
        .get()
        .uri("/actuator/health")
        .header(RequestId.HEADER, "caller-42")
        .exchange()
        .expectHeader()
        .valueEquals(RequestId.HEADER, "caller-42");
  }

  @Test
  void generatesARequestIdWhenTheCallerGivesNone() {
    String generated =
        client
            .get()
            .uri("/actuator/health")
            .exchange()
            .returnResult()
            .getResponseHeaders()
            .getFirst(RequestId.HEADER);
    assertThat(generated).matches("[0-9a-f-]{36}");
  }
}
