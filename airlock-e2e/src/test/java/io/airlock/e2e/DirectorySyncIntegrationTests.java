package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory crossing the gap through the public APIs only: a user an admin creates on the
 * response side can log in on the request side once the directory has synced, and cannot once the
 * admin has deactivated them; a password a user changes on the request side reaches the response
 * side, the source of truth, and comes back from it.
 */
class DirectorySyncIntegrationTests {

  @TempDir static Path root;

  private static TwoSides airlock;

  @BeforeAll
  static void start() throws Exception {
    airlock = TwoSides.start(root);
  }

  @AfterAll
  static void stop() {
    if (airlock != null) {
      airlock.close();
    }
  }

  @Test
  void aUserCreatedOnTheResponseSideLogsInOnTheRequestSideUntilDeactivated() throws Exception {
    String username = "analyst" + System.nanoTime() % 100_000;
    String id = airlock.createUser(username);

    assertThat(
            TwoSides.eventually(() -> airlock.login(username), r -> r.statusCode() == 200)
                .statusCode())
        .as("login on the request side after the directory synced")
        .isEqualTo(200);
    assertThat(airlock.login(username + "-nobody").statusCode()).isEqualTo(401);

    assertThat(airlock.asAdmin("POST", "/admin/users/" + id + "/deactivate", "").statusCode())
        .isBetween(200, 204);
    assertThat(
            TwoSides.eventually(() -> airlock.login(username), r -> r.statusCode() == 401)
                .statusCode())
        .as("login refused once the deactivation synced")
        .isEqualTo(401);
  }

  @Test
  void aPasswordChangedOnTheRequestSideReachesTheResponseSideAndSyncsBack() throws Exception {
    String username = "changer" + System.nanoTime() % 100_000;
    String id = airlock.createUser(username);
    String token = airlock.signIn(username);
    long before = directoryUser(id).path("version").asLong();
    String newPassword = "another long enough password";

    HttpResponse<String> changed =
        airlock.onRequestSide(
            "POST",
            "/users/me/change-password",
            token,
            """
            {"current_password":"%s","new_password":"%s"}"""
                .formatted(TwoSides.USER_PASSWORD, newPassword));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
    assertThat(airlock.login(username).statusCode()).as("old password, at once").isEqualTo(401);

    assertThat(airlock.login(username, newPassword).statusCode())
        .as("new password, at once")
        .isEqualTo(200);

    // Applied on the response side: the account takes a new directory version.
    TwoSides.eventually(
        () -> airlock.asAdmin("GET", "/admin/users/" + id, ""),
        r -> JsonMapper.shared().readTree(r.body()).path("version").asLong() > before);
    assertThat(directoryUser(id).path("version").asLong())
        .as("the change applied on the response side")
        .isGreaterThan(before);

    // A later admin change to the same account, seen on the request side, means the directory
    // record echoing the password change (an earlier version) has been applied there too: from
    // then on the request side holds the account exactly as the response side does, hash included.
    // Had the response side refused the hash, the echo would have restored the old password.
    HttpResponse<String> renamed =
        airlock.asAdmin(
            "PUT",
            "/admin/users/" + id,
            """
            {"email":"%s@example.org","display_name":"Echo Marker","role":"user",
             "profile_type":"standard"}"""
                .formatted(username));
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    HttpResponse<String> me =
        TwoSides.eventually(() -> me(username, newPassword), r -> r.body().contains("Echo Marker"));
    assertThat(me.body()).as("the directory synced back").contains("Echo Marker");

    assertThat(airlock.login(username, newPassword).statusCode())
        .as("new password on the request side after the round trip")
        .isEqualTo(200);
    assertThat(airlock.login(username).statusCode())
        .as("old password on the request side after the round trip")
        .isEqualTo(401);
    // An account the request side knows never signs in on the response side (DESIGN §2 "Trust"),
    // so there neither password works; the old one must not have become a way in.
    assertThat(
            airlock
                .onResponseSide(username, TwoSides.USER_PASSWORD, "GET", "/admin/users", "")
                .statusCode())
        .isEqualTo(401);
    assertThat(
            airlock.onResponseSide(username, newPassword, "GET", "/admin/users", "").statusCode())
        .isEqualTo(401);
  }

  /** The account as the request side shows it to the user, signed in afresh with the password. */
  private HttpResponse<String> me(String username, String password) throws Exception {
    HttpResponse<String> login = airlock.login(username, password);
    String token = JsonMapper.shared().readTree(login.body()).path("access_token").asString();
    return airlock.onRequestSide("GET", "/users/me", token, null);
  }

  private JsonNode directoryUser(String id) throws Exception {
    HttpResponse<String> user = airlock.asAdmin("GET", "/admin/users/" + id, "");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
    return JsonMapper.shared().readTree(user.body());
  }
}
