package io.airlock.requestside.auth;

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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class AuthIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  RestTestClient client;
  UserFixture users;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    users = new UserFixture(jdbc, passwords, client);
  }

  @Test
  void logsInWithTokensAndRecordsTheLogin() {
    User user = users.user();
    Map<String, Object> tokens = users.login(user.username(), UserFixture.PASSWORD);

    assertThat(tokens)
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", 3600)
        .containsKeys("access_token", "refresh_token");
    assertThat(
            jdbc.sql("select last_login_at is not null from users where id = :id")
                .param("id", user.id())
                .query(Boolean.class)
                .single())
        .isTrue();
    assertThat(
            jdbc.sql("select token_sha256 from refresh_tokens where user_id = :id")
                .param("id", user.id())
                .query(String.class)
                .single())
        .isNotEqualTo(tokens.get("refresh_token"))
        .hasSize(64);
    client
        .get()
        .uri("/users/me")
        .header("Authorization", "Bearer " + tokens.get("access_token"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo(user.username());
  }

  @Test
  void refusesAWrongPasswordAnUnknownUserAndAnInactiveUserAlikeAndAuditsEach() {
    User user = users.user();
    User inactive = users.create("user", false);

    String wrongPassword = refusedLogin(user.username(), "not the password at all");
    String unknownUser = refusedLogin("nobody-" + user.username(), UserFixture.PASSWORD);
    String inactiveUser = refusedLogin(inactive.username(), UserFixture.PASSWORD);

    assertThat(wrongPassword)
        .isEqualTo(unknownUser)
        .isEqualTo(inactiveUser)
        .isEqualTo(AuthController.REFUSED);
    assertThat(audited(user.username())).containsExactly("failure:wrong password");
    assertThat(audited("nobody-" + user.username())).containsExactly("failure:unknown user");
    assertThat(audited(inactive.username())).containsExactly("failure:inactive user");
  }

  @Test
  void rotatesTheRefreshTokenAndRevokesTheFamilyWhenARotatedOneIsReused() {
    User user = users.user();
    String first = (String) users.login(user.username(), UserFixture.PASSWORD).get("refresh_token");

    Map<?, ?> second =
        refresh(first).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    String secondToken = (String) second.get("refresh_token");
    assertThat(secondToken).isNotEqualTo(first);
    assertThat(second.get("access_token")).isNotNull();

    refresh(first).expectStatus().isUnauthorized();
    // The reuse revoked the family: the token the thief or the owner holds is dead too.
    refresh(secondToken).expectStatus().isUnauthorized();
    assertThat(
            jdbc.sql(
                    "select count(*) from refresh_tokens where user_id = :id and revoked_at is null")
                .param("id", user.id())
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    User user = users.user();
    Map<String, Object> tokens = users.login(user.username(), UserFixture.PASSWORD);

    client
        .post()
        .uri("/auth/logout")
        .header("Authorization", "Bearer " + tokens.get("access_token"))
        .body(Map.of("refresh_token", tokens.get("refresh_token")))
        .exchange()
        .expectStatus()
        .isNoContent();

    refresh((String) tokens.get("refresh_token")).expectStatus().isUnauthorized();
    assertThat(
            jdbc.sql("select count(*) from audit_logs where actor = :actor and action = 'logout'")
                .param("actor", user.username())
                .query(Integer.class)
                .single())
        .isOne();
  }

  @Test
  void logoutLeavesAnotherUsersRefreshTokenAlone() {
    User user = users.user();
    String theirs =
        (String) users.login(users.user().username(), UserFixture.PASSWORD).get("refresh_token");

    client
        .post()
        .uri("/auth/logout")
        .header("Authorization", "Bearer " + users.accessToken(user))
        .body(Map.of("refresh_token", theirs))
        .exchange()
        .expectStatus()
        .isNoContent();

    refresh(theirs).expectStatus().isOk();
  }

  @Test
  void refusesAnInactiveUsersRefreshToken() {
    User user = users.user();
    String refreshToken =
        (String) users.login(user.username(), UserFixture.PASSWORD).get("refresh_token");
    users.deactivate(user);

    refresh(refreshToken).expectStatus().isUnauthorized();
  }

  @Test
  void refusesAnUnknownRefreshTokenWithTheGenericProblem() {
    refresh("no-such-token")
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo(AuthController.REFUSED);
  }

  private RestTestClient.ResponseSpec refresh(String refreshToken) {
    return client
        .post()
        .uri("/auth/refresh")
        .body(Map.of("refresh_token", refreshToken))
        .exchange();
  }

  @SuppressWarnings("unchecked")
  private String refusedLogin(String username, String password) {
    Map<String, Object> problem =
        client
            .post()
            .uri("/auth/login")
            .body(Map.of("username", username, "password", password))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(problem).containsKey("request_id");
    return (String) problem.get("detail");
  }

  private List<String> audited(String actor) {
    return jdbc.sql(
            "select distinct outcome || ':' || detail from audit_logs where actor = :actor"
                + " and action = 'login'")
        .param("actor", actor)
        .query(String.class)
        .list();
  }
}
