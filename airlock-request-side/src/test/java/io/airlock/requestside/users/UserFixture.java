package io.airlock.requestside.users;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Users seeded straight into the directory replica (the directory import that fills it comes
 * later), and their logins. Every user gets a fresh name: test classes share one database.
 */
public class UserFixture {

  public static final String PASSWORD = "correct horse battery staple";

  private static String passwordHash;

  private final JdbcClient jdbc;
  private final RestTestClient client;

  public UserFixture(JdbcClient jdbc, PasswordEncoder passwords, RestTestClient client) {
    this.jdbc = jdbc;
    this.client = client;
    synchronized (UserFixture.class) {
      if (passwordHash == null) {
        passwordHash = passwords.encode(PASSWORD);
      }
    }
  }

  public User user() {
    return create("user", true);
  }

  public User create(String role, boolean active) {
    UUID id = UUID.randomUUID();
    String username = "u" + id.toString().substring(0, 8);
    jdbc.sql(
            """
            insert into users (id, username, email, display_name, role, profile_type, active,
                               password_hash, version)
            values (:id, :username, :email, :displayName, :role, 'standard', :active, :hash, 1)
            """)
        .param("id", id)
        .param("username", username)
        .param("email", username + "@example.org")
        .param("displayName", "User " + username)
        .param("role", role)
        .param("active", active)
        .param("hash", passwordHash)
        .update();
    return jdbc.sql("select " + Users.COLUMNS + " from users where id = :id")
        .param("id", id)
        .query(Users.USER)
        .single();
  }

  public void deactivate(User user) {
    jdbc.sql("update users set active = false where id = :id").param("id", user.id()).update();
  }

  /** The token response of a successful login. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> login(String username, String password) {
    return client
        .post()
        .uri("/auth/login")
        .body(Map.of("username", username, "password", password))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  public String accessToken(User user) {
    return (String) login(user.username(), PASSWORD).get("access_token");
  }
}
