package io.airlock.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testapp.PlatformIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@PlatformIntegrationTest
class ProblemDetailsIntegrationTests {

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
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.title")
        .isEqualTo("Not Found")
        .jsonPath("$.instance")
        .isEqualTo("/no/such/thing");
  }

  @Test
  void answersAnUnexpectedErrorWith500ThatRevealsNothingOfItsCause() {
    String body =
        client
            .get()
            .uri("/test/unexpected")
            .exchange()
            .expectStatus()
            .isEqualTo(500)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(body)
        .contains("\"detail\":\"" + ProblemDetailsAdvice.UNEXPECTED + "\"")
        .doesNotContain("internal-host", "IllegalStateException", "trace", "\tat ");
  }

  @Test
  void keepsTheStatusAnExceptionDeclares() {
    client
        .get()
        .uri("/test/declared")
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Already there");
  }

  @Test
  void answersAFilterThatThrowsWithProblemJson500TooAndRevealsNothing() {
    String body =
        client
            .get()
            .uri("/test/filter-throws")
            .exchange()
            .expectStatus()
            .isEqualTo(500)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(body)
        .contains("\"instance\":\"/test/filter-throws\"")
        .doesNotContain("internal-host");
  }

  @Test
  void answersAFilterThatRejectsWithProblemJsonOfItsStatus() {
    client
        .get()
        .uri("/test/filter-rejects")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(403);
  }

  @Test
  void carriesTheRequestIdInEveryProblem() {
    client
        .get()
        .uri("/test/unexpected")
        .header(RequestId.HEADER, "trace-me-1")
        .exchange()
        .expectHeader()
        .valueEquals(RequestId.HEADER, "trace-me-1")
        .expectBody()
        .jsonPath("$.request_id")
        .isEqualTo("trace-me-1");
    client
        .get()
        .uri("/test/filter-throws")
        .header(RequestId.HEADER, "trace-me-2")
        .exchange()
        .expectHeader()
        .valueEquals(RequestId.HEADER, "trace-me-2")
        .expectBody()
        .jsonPath("$.request_id")
        .isEqualTo("trace-me-2");
  }

  @Test
  void carriesTheRequestIdUnderItsOldNameTooForOneRelease() {
    client
        .get()
        .uri("/test/unexpected")
        .header(RequestId.HEADER, "trace-me-3")
        .exchange()
        .expectBody()
        .jsonPath("$.request_id")
        .isEqualTo("trace-me-3")
        .jsonPath("$.requestId")
        .isEqualTo("trace-me-3");
  }

  @Test
  void namesEveryInvalidFieldAsTheClientSpelledIt() {
    client
        .post()
        .uri("/test/validated")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"display_name\":\" \",\"email_address\":\"nope\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("display_name")
        .jsonPath("$.errors[1].field")
        .isEqualTo("email_address")
        .jsonPath("$.detail")
        .value(
            String.class, detail -> assertThat(detail).contains("display_name", "email_address"));
  }

  @Test
  void answersAnInvalidFieldRaisedByAFeatureLikeAFailedConstraint() {
    client
        .post()
        .uri("/test/validated")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"display_name\":\"root\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("display_name")
        .jsonPath("$.errors[0].message")
        .isEqualTo("is reserved");
  }

  @Test
  void addsTheRequestIdToProblemsAFeatureReturnsItself() {
    client
        .get()
        .uri("/test/local-problem")
        .header(RequestId.HEADER, "feature-7")
        .exchange()
        .expectStatus()
        .isEqualTo(410)
        .expectBody()
        .jsonPath("$.request_id")
        .isEqualTo("feature-7");
  }
}
