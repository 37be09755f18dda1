package io.airlock.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testapp.PlatformIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

@PlatformIntegrationTest
class RequestIdIntegrationTests {

  @LocalServerPort int port;
  RestTestClient client;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void echoesAValidRequestIdAndHandlesTheRequestUnderIt() {
    String id = "Abc-123_x.y";
    client
        .get()
        .uri("/test/request-id")
        .header(RequestId.HEADER, id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(RequestId.HEADER, id)
        .expectBody(String.class)
        .isEqualTo(id);
  }

  @Test
  void labelsWhatARequestLogsWithItsSide() {
    client
        .get()
        .uri("/test/log-label")
        .exchange()
        .expectBody(String.class)
        .isEqualTo("airlock-platform-test");
  }

  @Test
  void generatesARequestIdWhenNoneIsGiven() {
    var result = client.get().uri("/test/request-id").exchange().returnResult(String.class);
    String generated = result.getResponseHeaders().getFirst(RequestId.HEADER);
    assertThat(generated).matches("[0-9a-f-]{36}");
    assertThat(result.getResponseBody()).isEqualTo(generated);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "new\\nline", "<script>", "a/b", "quote\"d", "x"})
  void replacesARequestIdThatIsUnsafeToLogOrCarry(String given) {
    String sent = given.equals("x") ? "x".repeat(65) : given;
    String answered =
        client
            .get()
            .uri("/test/request-id")
            .header(RequestId.HEADER, sent)
            .exchange()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst(RequestId.HEADER);
    assertThat(answered).isNotEqualTo(sent).matches("[0-9a-f-]{36}");
  }

  @Test
  void acceptsARequestIdOfExactly64Characters() {
    String id = "a".repeat(64);
    client
        .get()
        .uri("/test/request-id")
        .header(RequestId.HEADER, id)
        .exchange()
        .expectHeader()
        .valueEquals(RequestId.HEADER, id);
  }
}
