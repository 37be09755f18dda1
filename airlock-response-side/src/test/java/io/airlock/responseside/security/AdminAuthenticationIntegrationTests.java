package io.airlock.responseside.security;

import static io.airlock.responseside.AdminApi.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

@AdminApiIntegrationTest
class AdminAuthenticationIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  RestTestClient admin;

  @BeforeEach
  void connect() {
    admin = AdminApi.asAdmin(port);
  }

  @Test
  void letsTheBootstrapAdminInWithHttpBasic() {
    admin.get().uri("/admin/users").exchange().expectStatus().isOk();
  }

  @Test
  void answersMissingCredentialsWith401ProblemAndABasicChallenge() {
    assertProblem(AdminApi.anonymous(port).get().uri("/admin/users").exchange(), 401)
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"airlock\"");
  }

  @Test
  void answersAWrongPasswordWith401Problem() {
    assertProblem(
        AdminApi.as(port, ADMIN, "wrong password").get().uri("/admin/users").exchange(), 401);
  }

  @Test
  void answersAnUnknownUserWith401Problem() {
    assertProblem(
        AdminApi.as(port, "nobody-at-all", "whatever1").get().uri("/admin/users").exchange(), 401);
  }

  @Test
  void refusesAUserWithoutTheAdminRoleWith403Problem() {
    String username = AdminApi.uniqueUsername("plain");
    AdminApi.createHighSideAccount(admin, username, "user", "user-password-1");

    assertProblem(
            AdminApi.as(port, username, "user-password-1").get().uri("/admin/users").exchange(),
            403)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("This needs the role admin.");
  }

  @Test
  void neverLetsInAnAccountTheRequestSideCanChangeEvenAnAdmin() {
    // Its password may arrive from the request side as an account change: this side trusts
    // nothing from there, so exported accounts cannot sign in here at all.
    String username = AdminApi.uniqueUsername("exported-admin");
    AdminApi.createUser(admin, username, "admin", "admin-password-3");

    assertProblem(
        AdminApi.as(port, username, "admin-password-3").get().uri("/admin/users").exchange(), 401);
  }

  @Test
  void letsOnlyAnAdminResendBatches() {
    String username = AdminApi.uniqueUsername("not-admin");
    AdminApi.createHighSideAccount(admin, username, "user", "user-password-2");
    String resend = "/admin/transfer/channels/results/resend";
    String range = "{\"from\":999}";

    assertProblem(
        AdminApi.anonymous(port)
            .post()
            .uri(resend)
            .contentType(MediaType.APPLICATION_JSON)
            .body(range)
            .exchange(),
        401);
    assertProblem(
        AdminApi.as(port, username, "user-password-2")
            .post()
            .uri(resend)
            .contentType(MediaType.APPLICATION_JSON)
            .body(range)
            .exchange(),
        403);
    admin
        .post()
        .uri(resend)
        .contentType(MediaType.APPLICATION_JSON)
        .body(range)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.unknown[0]")
        .isEqualTo(999);
  }

  @Test
  void guardsTheMonitoringApiToo() {
    assertProblem(AdminApi.anonymous(port).get().uri("/stats/queue").exchange(), 401);
    assertProblem(admin.get().uri("/stats/no-such-statistic").exchange(), 404);
  }

  @Test
  void letsAnotherAdminInAndShutsThemOutOnceDeactivated() {
    String username = AdminApi.uniqueUsername("second-admin");
    String id =
        (String)
            AdminApi.createHighSideAccount(admin, username, "admin", "admin-password-2").get("id");
    RestTestClient second = AdminApi.as(port, username, "admin-password-2");
    second.get().uri("/admin/users").exchange().expectStatus().isOk();

    admin.post().uri("/admin/users/{id}/deactivate", id).exchange().expectStatus().isOk();

    assertProblem(second.get().uri("/admin/users").exchange(), 401);
  }

  @Test
  void leavesHealthAndDocsOpen() {
    RestTestClient anyone = AdminApi.anonymous(port);
    anyone.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    anyone.get().uri("/docs/openapi.json").exchange().expectStatus().isOk();
  }

  @Test
  void storesTheBootstrapAdminAsAHighSideOnlyAdmin() {
    Map<String, Object> row =
        jdbc.sql("select role, high_side_only, password_hash from users where username = :u")
            .param("u", ADMIN)
            .query()
            .singleRow();
    assertThat(row).containsEntry("role", "admin").containsEntry("high_side_only", true);
    assertThat((String) row.get("password_hash")).startsWith("$2").doesNotContain("staple");
  }

  static ResponseSpec assertProblem(ResponseSpec response, int status) {
    response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status)
        .jsonPath("$.request_id")
        .exists();
    return response;
  }
}
