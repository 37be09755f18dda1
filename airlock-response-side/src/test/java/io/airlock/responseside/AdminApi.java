package io.airlock.responseside;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

/** HTTP clients for the admin API, as the bootstrap admin, as anyone, or as a given user. */
public final class AdminApi {

  public static final String ADMIN = "root-admin";
  public static final String ADMIN_PASSWORD = "correct horse battery staple";

  private AdminApi() {}

  public static RestTestClient anonymous(int port) {
    return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  public static RestTestClient asAdmin(int port) {
    return as(port, ADMIN, ADMIN_PASSWORD);
  }

  public static RestTestClient as(int port, String username, String password) {
    return RestTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .defaultHeaders(headers -> headers.setBasicAuth(username, password))
        .build();
  }

  public static RestTestClient withApiKey(int port, String key) {
    return RestTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .defaultHeader("X-API-Key", key)
        .build();
  }

  /** A username no other test uses. */
  public static String uniqueUsername(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a user of the directory (exported to the request side) and answers its JSON. */
  public static Map<String, Object> createUser(
      RestTestClient admin, String username, String role, String password) {
    return create(admin, username, role, password, false);
  }

  /** Creates an account of this side only, the kind that may sign in here. */
  public static Map<String, Object> createHighSideAccount(
      RestTestClient admin, String username, String role, String password) {
    return create(admin, username, role, password, true);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> create(
      RestTestClient admin, String username, String role, String password, boolean highSideOnly) {
    return admin
        .post()
        .uri("/admin/users")
        .body(
            Map.of(
                "high_side_only",
                highSideOnly,
                "username",
                username,
                "email",
                username + "@example.org",
                "display_name",
                "User " + username,
                "role",
                role,
                "profile_type",
                "standard",
                "password",
                password))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CREATED)
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }
}
