package io.airlock.requestside.auth;

import static org.awaitility.Awaitility.await;

import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.DirectoryChanges;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class AccessTokenIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  @Autowired AccessTokenKeys keys;
  @Autowired AuthProperties properties;
  @Autowired DirectoryChanges directoryChanges;
  RestTestClient client;
  UserFixture users;
  User user;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    users = new UserFixture(jdbc, passwords, client);
    user = users.user();
  }

  @Test
  void acceptsATokenItSigned() {
    me(signed(claims -> {})).expectStatus().isOk();
  }

  @Test
  void refusesAnExpiredToken() {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    refused(
        signed(
            claims ->
                claims.issuedAt(past).notBefore(past).expiresAt(past.plus(Duration.ofHours(1)))));
  }

  @Test
  void refusesATokenNotValidYet() {
    Instant future = Instant.now().plus(Duration.ofHours(1));
    refused(signed(claims -> claims.notBefore(future)));
  }

  @Test
  void refusesATokenForAnotherAudience() {
    refused(signed(claims -> claims.audience(List.of("airlock-response-side"))));
  }

  @Test
  void refusesATokenFromAnotherIssuer() {
    refused(signed(claims -> claims.issuer("someone-else")));
  }

  @Test
  void refusesATamperedToken() {
    String[] parts = signed(claims -> {}).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace(user.id().toString(), users.create("admin", true).id().toString());
    refused(parts[0] + "." + base64(payload) + "." + parts[2]);
  }

  @Test
  void refusesAnUnsignedToken() {
    String[] parts = signed(claims -> {}).split("\\.");
    refused(base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
  }

  @Test
  void refusesTheTokenOfADeactivatedUserWithinASecond() {
    String token = users.accessToken(user);
    me(token).expectStatus().isOk();

    // As the directory import (on this or another instance) deactivates a user: the bound the
    // README states for every instance.
    users.deactivate(user);

    await()
        .atMost(DatabaseSignals.STALE_AFTER)
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> refused(token));
  }

  @Test
  void refusesTheTokenOfADeactivatedUserOnItsNextCallOnceTheSignalIsHeard() {
    String token = users.accessToken(user);
    me(token).expectStatus().isOk();

    directoryChanges.apply(() -> users.deactivate(user));

    refused(token);
  }

  @Test
  void refusesAnonymousCallsToTheApiButAnswersUnknownPathsWith404() {
    client
        .get()
        .uri("/users/me")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Bearer");
    client.get().uri("/no/such/thing").exchange().expectStatus().isNotFound();
  }

  @Test
  void keepsAdminPathsForAdmins() {
    client
        .get()
        .uri("/admin/users")
        .header("Authorization", "Bearer " + users.accessToken(user))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(403);
  }

  @Test
  void letsAdminsPastTheAdminRoleCheck() {
    client
        .get()
        .uri("/admin/no-such-endpoint-yet")
        .header("Authorization", "Bearer " + users.accessToken(users.create("admin", true)))
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private String signed(Consumer<JwtClaimsSet.Builder> change) {
    Instant now = Instant.now();
    JwtClaimsSet.Builder claims =
        JwtClaimsSet.builder()
            .issuer(properties.jwt().issuer())
            .audience(List.of(properties.jwt().audience()))
            .subject(user.id().toString())
            .issuedAt(now)
            .notBefore(now)
            .expiresAt(now.plus(Duration.ofMinutes(5)));
    change.accept(claims);
    return keys.encoder()
        .encode(JwtEncoderParameters.from(JwsHeader.with(keys.algorithm()).build(), claims.build()))
        .getTokenValue();
  }

  private RestTestClient.ResponseSpec me(String token) {
    return client.get().uri("/users/me").header("Authorization", "Bearer " + token).exchange();
  }

  private void refused(String token) {
    me(token)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
