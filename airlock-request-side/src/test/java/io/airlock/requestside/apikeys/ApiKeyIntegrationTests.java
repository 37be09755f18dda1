package io.airlock.requestside.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
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
    users.deactivate(user);

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
