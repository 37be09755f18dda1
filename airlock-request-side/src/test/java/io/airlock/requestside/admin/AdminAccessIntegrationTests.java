package io.airlock.requestside.admin;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Every admin endpoint answers an admin, refuses a user (403) and asks a stranger to sign in. */
@RequestSideIntegrationTest
class AdminAccessIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  RestTestClient client;
  UserFixture users;
  User admin;

  @BeforeEach
  void setUp() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    users = new UserFixture(jdbc, passwords, client);
    admin = users.create("admin", true);
  }

  static List<String> endpoints() {
    return List.of(
        "/admin/users",
        "/admin/users/{self}",
        "/admin/users/{self}/quota",
        "/admin/users/{self}/api-keys",
        "/admin/requests",
        "/admin/stats",
        "/admin/export-batches",
        "/admin/import-batches",
        "/admin/audit-logs",
        "/admin/audit-logs?format=csv");
  }

  @Test
  void letsOnlyAnAdminResendBatches() {
    String resend = "/admin/transfer/channels/requests/resend";
    String range = "{\"from\":999,\"to\":999}";
    client
        .post()
        .uri(resend)
        .header("Authorization", "Bearer " + users.accessToken(users.user()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(range)
        .exchange()
        .expectStatus()
        .isForbidden();
    client
        .post()
        .uri(resend)
        .contentType(MediaType.APPLICATION_JSON)
        .body(range)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri(resend)
        .header("Authorization", "Bearer " + users.accessToken(admin))
        .contentType(MediaType.APPLICATION_JSON)
        .body(range)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.unknown[0]")
        .isEqualTo(999);
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void answersAnAdmin(String endpoint) {
    client
        .get()
        .uri(endpoint, admin.id())
        .header("Authorization", "Bearer " + users.accessToken(admin))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void refusesAUserWithProblemDetails(String endpoint) {
    User user = users.user();
    client
        .get()
        .uri(endpoint, user.id())
        .header("Authorization", "Bearer " + users.accessToken(user))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(403);
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void asksAStrangerToSignIn(String endpoint) {
    client
        .get()
        .uri(endpoint, admin.id())
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
