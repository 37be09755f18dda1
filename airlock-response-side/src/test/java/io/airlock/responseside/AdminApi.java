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

  /** Creates a user through the API and answers its JSON. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> createUser(
      RestTestClient admin, String username, String role, String password) {
    return admin
        .post()
        .uri("/admin/users")
        .body(
            Map.of(
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
