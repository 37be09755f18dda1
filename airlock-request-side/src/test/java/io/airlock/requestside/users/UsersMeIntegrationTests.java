package io.airlock.requestside.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
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
class UsersMeIntegrationTests {

  static final String NEW_PASSWORD = "a much better passphrase";

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
  void showsTheCallersOwnAccount() {
    client
        .get()
        .uri("/users/me")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(user.id().toString())
        .jsonPath("$.display_name")
        .isEqualTo(user.displayName())
        .jsonPath("$.role")
        .isEqualTo("user")
        .jsonPath("$.password_hash")
        .doesNotExist();
  }

  @Test
  void updatesDisplayNameAndEmailAtOnceAndRecordsAPendingChange() {
    client
        .put()
        .uri("/users/me")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("display_name", "Ada", "email", "ada@example.org"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.display_name")
        .isEqualTo("Ada")
        .jsonPath("$.email")
        .isEqualTo("ada@example.org");

    assertThat(
            jdbc.sql(
                    "select display_name || ' ' || email from account_changes where user_id = :id"
                        + " and exported_at is null and echoed_at is null and password_hash is null")
                .param("id", user.id())
                .query(String.class)
                .single())
        .isEqualTo("Ada ada@example.org");
  }

  @Test
  void refusesAnInvalidEmail() {
    client
        .put()
        .uri("/users/me")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("display_name", "Ada", "email", "not an email"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(pendingChanges()).isZero();
  }

  @Test
  void changesThePasswordSoThatOnlyTheNewOneWorks() {
    changePassword(UserFixture.PASSWORD, NEW_PASSWORD).expectStatus().isNoContent();

    refusedLogin(UserFixture.PASSWORD);
    users.login(user.username(), NEW_PASSWORD);
    String forwarded =
        jdbc.sql("select password_hash from account_changes where user_id = :id")
            .param("id", user.id())
            .query(String.class)
            .single();
    assertThat(passwords.matches(NEW_PASSWORD, forwarded)).isTrue();
  }

  @Test
  void endsEverySessionOpenedWithTheOldPassword() {
    String refreshToken =
        (String) users.login(user.username(), UserFixture.PASSWORD).get("refresh_token");

    changePassword(UserFixture.PASSWORD, NEW_PASSWORD).expectStatus().isNoContent();

    client
        .post()
        .uri("/auth/refresh")
        .body(Map.of("refresh_token", refreshToken))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void refusesAPasswordChangeWithAWrongCurrentPassword() {
    changePassword("not the current one", NEW_PASSWORD)
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

    users.login(user.username(), UserFixture.PASSWORD);
    assertThat(pendingChanges()).isZero();
  }

  @Test
  void refusesAWeakNewPasswordNamingTheField() {
    changePassword(UserFixture.PASSWORD, "short")
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("new_password");
    changePassword(UserFixture.PASSWORD, UserFixture.PASSWORD).expectStatus().isEqualTo(422);

    assertThat(pendingChanges()).isZero();
  }

  private RestTestClient.ResponseSpec changePassword(String current, String next) {
    return client
        .post()
        .uri("/users/me/change-password")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("current_password", current, "new_password", next))
        .exchange();
  }

  private void refusedLogin(String password) {
    client
        .post()
        .uri("/auth/login")
        .body(Map.of("username", user.username(), "password", password))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  private int pendingChanges() {
    return jdbc.sql("select count(*) from account_changes where user_id = :id")
        .param("id", user.id())
        .query(Integer.class)
        .single();
  }
}
