package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory crossing the gap through the public APIs only: a user an admin creates on the
 * response side can log in on the request side once the directory has synced, and cannot once the
 * admin has deactivated them.
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
}
