package io.airlock.responseside.security;

import static io.airlock.responseside.security.AdminAuthenticationIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

@AdminApiIntegrationTest
class ApiKeyIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  RestTestClient admin;

  @BeforeEach
  void connect() {
    admin = AdminApi.asAdmin(port);
  }

  @Test
  void issuesAKeyThatAuthenticatesItsAdminAndKeepsOnlyItsHash() {
    Map<String, Object> issued = issue(Map.of("name", "ci"));
    String key = (String) issued.get("key");
    assertThat(key).startsWith("alk_").hasSizeGreaterThan(40);
    assertThat((String) issued.get("prefix")).isEqualTo(key.substring(0, 12));

    AdminApi.withApiKey(port, key).get().uri("/admin/users").exchange().expectStatus().isOk();

    Map<String, Object> row =
        jdbc.sql("select key_sha256, last_used_at from api_keys where id = :id")
            .param("id", UUID.fromString((String) issued.get("id")))
            .query()
            .singleRow();
    assertThat(row.get("key_sha256")).isEqualTo(ApiKeys.sha256(key)).isNotEqualTo(key);
    assertThat(row.get("last_used_at")).isNotNull();
  }

  @Test
  void neverShowsTheKeyAgain() {
    String id = (String) issue(Map.of("name", "listed")).get("id");
    admin
        .get()
        .uri("/admin/api-keys")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.id == '%s')].name".formatted(id))
        .isEqualTo("listed")
        .jsonPath("$[?(@.id == '%s')].key".formatted(id))
        .isEqualTo(null);
  }

  @Test
  void refusesARevokedKeyWith401() {
    Map<String, Object> issued = issue(Map.of("name", "short-lived"));
    RestTestClient withKey = AdminApi.withApiKey(port, (String) issued.get("key"));
    withKey.get().uri("/admin/users").exchange().expectStatus().isOk();

    admin
        .delete()
        .uri("/admin/api-keys/{id}", issued.get("id"))
        .exchange()
        .expectStatus()
        .isNoContent();

    assertProblem(withKey.get().uri("/admin/users").exchange(), 401);
  }

  @Test
  void refusesAnUnknownKeyWith401EvenOnAnOpenPath() {
    assertProblem(
        AdminApi.withApiKey(port, "alk_not-a-key").get().uri("/admin/users").exchange(), 401);
    assertProblem(
        AdminApi.withApiKey(port, "alk_not-a-key").get().uri("/actuator/health").exchange(), 401);
  }

  @Test
  void refusesTheKeyOfAUserWithoutTheAdminRoleWith403() {
    String userId =
        (String)
            AdminApi.createHighSideAccount(
                    admin, AdminApi.uniqueUsername("keyed"), "user", "pass-word-3")
                .get("id");
    String key = (String) issue(Map.of("name", "for a user", "user_id", userId)).get("key");

    assertProblem(AdminApi.withApiKey(port, key).get().uri("/admin/users").exchange(), 403);
  }

  @Test
  void refusesTheKeyOfAnExportedAdminWith401() {
    String userId =
        (String)
            AdminApi.createUser(admin, AdminApi.uniqueUsername("exported"), "admin", "pass-word-4")
                .get("id");
    String key =
        (String) issue(Map.of("name", "for an exported admin", "user_id", userId)).get("key");

    assertProblem(AdminApi.withApiKey(port, key).get().uri("/admin/users").exchange(), 401);
  }

  @Test
  void answersRevokingAnUnknownKeyWith404Problem() {
    assertProblem(admin.delete().uri("/admin/api-keys/{id}", UUID.randomUUID()).exchange(), 404);
  }

  @Test
  void refusesAKeyForAnUnknownUserWith422NamingTheField() {
    assertProblem(
            admin
                .post()
                .uri("/admin/api-keys")
                .body(Map.of("name", "orphan", "user_id", UUID.randomUUID().toString()))
                .exchange(),
            422)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("user_id");
  }

  @Test
  void refusesAKeyWithoutAName() {
    assertProblem(admin.post().uri("/admin/api-keys").body(Map.of("name", " ")).exchange(), 400)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("name");
  }

  @Test
  void logsIssuingAndRevokingWithTheActingAdmin() {
    String id = (String) issue(Map.of("name", "audited")).get("id");
    admin.delete().uri("/admin/api-keys/{id}", id).exchange().expectStatus().isNoContent();

    assertThat(
            jdbc.sql(
                    """
                    select message from system_logs
                     where component = 'api-keys' and details ->> 'keyId' = :id
                       and details ->> 'actor' = :actor
                     order by id
                    """)
                .param("id", id)
                .param("actor", AdminApi.ADMIN)
                .query(String.class)
                .list())
        .containsExactly("api key created", "api key revoked");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> issue(Map<String, Object> body) {
    return admin
        .post()
        .uri("/admin/api-keys")
        .body(body)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CREATED)
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }
}
