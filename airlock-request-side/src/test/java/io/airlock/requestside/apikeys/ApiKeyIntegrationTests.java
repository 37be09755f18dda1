package io.airlock.requestside.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.DirectoryChanges;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class ApiKeyIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  @Autowired DirectoryChanges directoryChanges;
  RestTestClient client;
  UserFixture users;
  User user;
  String token;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    users = new UserFixture(jdbc, passwords, client);
    user = users.user();
    token = users.accessToken(user);
  }

  @Test
  void showsANewKeyOnceAndStoresOnlyItsHash() {
    Map<?, ?> created = create(token, "ci", List.of("requests:write"));
    String key = (String) created.get("key");

    assertThat(key).startsWith("alk_" + created.get("prefix") + "_");
    assertThat(
            jdbc.sql("select key_sha256 from api_keys where id = :id::uuid")
                .param("id", created.get("id"))
                .query(String.class)
                .single())
        .isEqualTo(ApiKeys.sha256(key));
    client
        .get()
        .uri("/api-keys")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1)
        .jsonPath("$[0].name")
        .isEqualTo("ci")
        .jsonPath("$[0].scopes[0]")
        .isEqualTo("requests:write")
        .jsonPath("$[0].key")
        .doesNotExist();
  }

  @Test
  void authenticatesWithTheKeyAndRecordsItsUse() {
    String key = (String) create(token, "ci", List.of()).get("key");

    withKey(key)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo(user.username());

    assertThat(
            jdbc.sql("select last_used_at is not null from api_keys where user_id = :id")
                .param("id", user.id())
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void refusesARevokedKey() {
    Map<?, ?> created = create(token, "ci", List.of());
    client
        .delete()
        .uri("/api-keys/{id}", created.get("id"))
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isNoContent();

    withKey((String) created.get("key")).expectStatus().isUnauthorized();
  }

  @Test
  void refusesAnUnknownKey() {
    withKey("alk_00000000_nothing").expectStatus().isUnauthorized();
  }

  @Test
  void refusesTheKeyOfADeactivatedUser() {
    String key = (String) create(token, "ci", List.of()).get("key");
    directoryChanges.apply(() -> users.deactivate(user));

    withKey(key).expectStatus().isUnauthorized();
  }

  @Test
  void answers404ForAnotherUsersKeyAndLeavesItAlone() {
    User other = users.user();
    Map<?, ?> theirs = create(users.accessToken(other), "theirs", List.of());

    client
        .delete()
        .uri("/api-keys/{id}", theirs.get("id"))
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
    withKey((String) theirs.get("key")).expectStatus().isOk();
  }

  @Test
  void refusesAnInvalidScope() {
    client
        .post()
        .uri("/api-keys")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("name", "ci", "scopes", List.of("Not A Scope!")))
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void refusesAScopeNoKeyCanHaveNamingTheField() {
    client
        .post()
        .uri("/api-keys")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("name", "ci", "scopes", List.of("requests:delete-everything")))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("scopes");
  }

  @Test
  void aKeyDoesOnlyWhatItsScopesName() {
    String reader = (String) create(token, "reader", List.of("requests:read")).get("key");
    String writer = (String) create(token, "writer", List.of("requests:write")).get("key");
    String request =
        """
        {"index":"incidents","query_type":"count","priority":1,"query_params":{}}""";

    call("GET", "/requests", reader, null).expectStatus().isOk();
    call("POST", "/requests", reader, request).expectStatus().isForbidden();
    // Past authorisation (this test's user has no replicated profile, hence no 202).
    call("POST", "/requests", writer, request)
        .expectStatus()
        .value(status -> assertThat(status).isNotIn(401, 403));
    call("GET", "/requests", writer, null).expectStatus().isForbidden();
    call("POST", "/api-keys", reader, "{\"name\":\"more\",\"scopes\":[]}")
        .expectStatus()
        .isForbidden();
    call("PUT", "/users/me", writer, "{\"display_name\":\"Keyed\"}").expectStatus().isForbidden();
    withKey(reader).expectStatus().isOk(); // any key may ask whose it is
  }

  @Test
  void anAdminsKeyNeedsTheAdminScopeForTheAdminApi() {
    String adminToken = users.accessToken(users.create("admin", true));
    String plain = (String) create(adminToken, "plain", List.of("requests:read")).get("key");
    String admin = (String) create(adminToken, "admin", List.of("admin")).get("key");
    String usersKey = (String) create(token, "not an admin", List.of("admin")).get("key");

    call("GET", "/admin/users", plain, null).expectStatus().isForbidden();
    call("GET", "/admin/users", admin, null).expectStatus().isOk();
    call("GET", "/admin/users", usersKey, null).expectStatus().isForbidden();
  }

  private RestTestClient.ResponseSpec call(String method, String path, String key, String json) {
    var spec =
        client
            .method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(path)
            .header("X-API-Key", key);
    if (json != null) {
      spec.header("Content-Type", "application/json").body(json);
    }
    return spec.exchange();
  }

  private Map<?, ?> create(String accessToken, String name, List<String> scopes) {
    return client
        .post()
        .uri("/api-keys")
        .header("Authorization", "Bearer " + accessToken)
        .body(Map.of("name", name, "scopes", scopes))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private RestTestClient.ResponseSpec withKey(String key) {
    return client.get().uri("/users/me").header("X-API-Key", key).exchange();
  }
}
