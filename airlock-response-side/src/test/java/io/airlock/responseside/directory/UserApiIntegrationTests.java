package io.airlock.responseside.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

@AdminApiIntegrationTest
class UserApiIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  RestTestClient admin;

  @BeforeEach
  void connect() {
    admin = AdminApi.asAdmin(port);
  }

  @Test
  void createsAUserWithAHashedPasswordAndAnswersWhereItIs() {
    String username = AdminApi.uniqueUsername("alice");
    ResponseSpec created =
        admin
            .post()
            .uri("/admin/users")
            .body(newUser(username))
            .exchange()
            .expectStatus()
            .isCreated();
    @SuppressWarnings("unchecked")
    Map<String, Object> body = created.expectBody(Map.class).returnResult().getResponseBody();
    assertThat(body)
        .containsEntry("username", username)
        .containsEntry("email", username + "@example.org")
        .containsEntry("display_name", "Alice")
        .containsEntry("role", "user")
        .containsEntry("profile_type", "standard")
        .containsEntry("active", true)
        .containsEntry("high_side_only", false)
        .doesNotContainKeys("password", "password_hash");
    String id = (String) body.get("id");
    created.expectHeader().valueEquals("Location", "/admin/users/" + id);
    String hash =
        jdbc.sql("select password_hash from users where id = :id")
            .param("id", UUID.fromString(id))
            .query(String.class)
            .single();
    assertThat(hash).startsWith("$2").doesNotContain("secret-password");
  }

  @Test
  void getsAUserById() {
    String username = AdminApi.uniqueUsername("bob");
    String id = (String) AdminApi.createUser(admin, username, "user", "pass-word-1").get("id");

    admin
        .get()
        .uri("/admin/users/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo(username)
        .jsonPath("$.limits.per_minute")
        .isEqualTo(null);
  }

  @Test
  void listsUsersPageByPage() {
    for (int i = 0; i < 3; i++) {
      AdminApi.createUser(admin, AdminApi.uniqueUsername("paged"), "user", "pass-word-1");
    }
    long total = jdbc.sql("select count(*) from users").query(Long.class).single();

    admin
        .get()
        .uri("/admin/users?page=1&size=2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.page")
        .isEqualTo(1)
        .jsonPath("$.size")
        .isEqualTo(2)
        .jsonPath("$.total")
        .value(Number.class, n -> assertThat(n.longValue()).isGreaterThanOrEqualTo(total))
        .jsonPath("$.items.length()")
        .isEqualTo(2);
  }

  @Test
  void updatesTheFieldsAnAdminMayChange() {
    String id =
        (String)
            AdminApi.createUser(admin, AdminApi.uniqueUsername("carol"), "user", "pass-word-1")
                .get("id");
    String profile = "analysts-" + UUID.randomUUID().toString().substring(0, 6);
    createProfileType(profile);

    admin
        .put()
        .uri("/admin/users/{id}", id)
        .body(
            Map.of(
                "email", "carol@example.net",
                "display_name", "Carol C.",
                "role", "admin",
                "profile_type", profile))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.email")
        .isEqualTo("carol@example.net")
        .jsonPath("$.display_name")
        .isEqualTo("Carol C.")
        .jsonPath("$.role")
        .isEqualTo("admin")
        .jsonPath("$.profile_type")
        .isEqualTo(profile);
  }

  @Test
  void setsAndClearsLimitOverrides() {
    String id =
        (String)
            AdminApi.createUser(admin, AdminApi.uniqueUsername("dave"), "user", "pass-word-1")
                .get("id");
    Map<String, Object> limits = new HashMap<>();
    limits.put("per_minute", 3);
    limits.put("per_hour", null);
    limits.put("per_day", 50);

    admin
        .put()
        .uri("/admin/users/{id}/limits", id)
        .body(limits)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.limits.per_minute")
        .isEqualTo(3)
        .jsonPath("$.limits.per_hour")
        .isEqualTo(null)
        .jsonPath("$.limits.per_day")
        .isEqualTo(50);

    admin
        .put()
        .uri("/admin/users/{id}/limits", id)
        .body(Map.of())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.limits.per_minute")
        .isEqualTo(null)
        .jsonPath("$.limits.per_day")
        .isEqualTo(null);
  }

  @Test
  void deactivatesAndActivatesAUser() {
    String id =
        (String)
            AdminApi.createUser(admin, AdminApi.uniqueUsername("erin"), "user", "pass-word-1")
                .get("id");

    long created = version(id);
    admin
        .post()
        .uri("/admin/users/{id}/deactivate", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(false);
    long deactivated = version(id);
    admin
        .post()
        .uri("/admin/users/{id}/activate", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(true);

    assertThat(deactivated).isGreaterThan(created);
    assertThat(version(id)).isGreaterThan(deactivated);
  }

  @Test
  void logsEveryChangeWithTheActingAdmin() {
    String id =
        (String)
            AdminApi.createUser(admin, AdminApi.uniqueUsername("frank"), "user", "pass-word-1")
                .get("id");
    admin.post().uri("/admin/users/{id}/deactivate", id).exchange().expectStatus().isOk();
    admin
        .put()
        .uri("/admin/users/{id}/limits", id)
        .body(Map.of("per_day", 9))
        .exchange()
        .expectStatus()
        .isOk();

    assertThat(
            jdbc.sql(
                    """
                    select message from system_logs
                     where component = 'directory' and details ->> 'userId' = :id
                       and details ->> 'actor' = :actor
                     order by id
                    """)
                .param("id", id)
                .param("actor", AdminApi.ADMIN)
                .query(String.class)
                .list())
        .containsExactly("user created", "user deactivated", "user limits set");
  }

  @Test
  void answersAnUnknownIdWith404ProblemOnEveryUserEndpoint() {
    UUID unknown = UUID.randomUUID();
    problem(admin.get().uri("/admin/users/{id}", unknown).exchange(), 404);
    problem(
        admin
            .put()
            .uri("/admin/users/{id}", unknown)
            .body(Map.of("role", "user", "profile_type", "standard"))
            .exchange(),
        404);
    problem(admin.put().uri("/admin/users/{id}/limits", unknown).body(Map.of()).exchange(), 404);
    problem(admin.post().uri("/admin/users/{id}/deactivate", unknown).exchange(), 404);
    problem(admin.post().uri("/admin/users/{id}/activate", unknown).exchange(), 404)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("No user has id " + unknown + ".");
  }

  @Test
  void refusesAnUnknownProfileTypeWith422NamingTheField() {
    Map<String, Object> body = newUser(AdminApi.uniqueUsername("gina"));
    body.put("profile_type", "no-such-profile");

    problem(admin.post().uri("/admin/users").body(body).exchange(), 422)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("profile_type");
  }

  @Test
  void refusesATakenUsernameWith409() {
    String username = AdminApi.uniqueUsername("henry");
    AdminApi.createUser(admin, username, "user", "pass-word-1");

    problem(admin.post().uri("/admin/users").body(newUser(username)).exchange(), 409)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("username");
  }

  @Test
  void refusesInvalidFieldsWith400NamingEachOfThem() {
    Map<String, Object> body = newUser("x");
    body.put("email", "not an email");
    body.put("role", "operator");
    body.put("password", "short");
    body.remove("profile_type");

    problem(admin.post().uri("/admin/users").body(body).exchange(), 400)
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat(fields)
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactlyInAnyOrder(
                        "email", "password", "profile_type", "role", "username"));
  }

  @Test
  void refusesAPasswordBcryptWouldCutShort() {
    Map<String, Object> body = newUser(AdminApi.uniqueUsername("ivy"));
    body.put("password", "é".repeat(40));

    problem(admin.post().uri("/admin/users").body(body).exchange(), 400)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("password");
  }

  @Test
  void refusesNonPositiveLimitsWith400() {
    String id =
        (String)
            AdminApi.createUser(admin, AdminApi.uniqueUsername("jack"), "user", "pass-word-1")
                .get("id");

    problem(
            admin.put().uri("/admin/users/{id}/limits", id).body(Map.of("per_hour", 0)).exchange(),
            400)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("per_hour");
  }

  private long version(String id) {
    return jdbc.sql("select version from users where id = :id")
        .param("id", UUID.fromString(id))
        .query(Long.class)
        .single();
  }

  private void createProfileType(String name) {
    admin
        .post()
        .uri("/admin/profile-types")
        .body(ProfileTypeApiIntegrationTests.profileType(name))
        .exchange()
        .expectStatus()
        .isCreated();
  }

  static Map<String, Object> newUser(String username) {
    Map<String, Object> body = new HashMap<>();
    body.put("username", username);
    body.put("email", username + "@example.org");
    body.put("display_name", "Alice");
    body.put("role", "user");
    body.put("profile_type", "standard");
    body.put("password", "secret-password");
    return body;
  }

  static ResponseSpec problem(ResponseSpec response, int status) {
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
