package io.airlock.requestside.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.airlock.platform.testing.MovableClock;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The API-wide limits by tier and the sign-in throttle, with a clock the test moves: each test
 * starts in a minute of its own, so every count starts at zero.
 */
@RequestSideIntegrationTest
@Import(ApiLimitIntegrationTests.Time.class)
@TestPropertySource(
    properties = {
      "airlock.rate-limits.anonymous=20",
      "airlock.rate-limits.authenticated=8",
      "airlock.rate-limits.admin=12",
      "airlock.rate-limits.login-per-username=3",
      "airlock.rate-limits.login-per-address=6",
      // The test's calls come from loopback, which stands for the proxy here.
      "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"
    })
class ApiLimitIntegrationTests {

  static final MovableClock CLOCK = new MovableClock();

  @TestConfiguration
  static class Time {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  /** Spied on, to show that a throttled sign-in never reaches the password hash. */
  @MockitoSpyBean PasswordEncoder passwords;

  @Autowired DataSource dataSource;
  @Autowired MinuteLimits limits;
  @Autowired MeterRegistry registry;
  RestTestClient client;
  UserFixture users;

  @BeforeEach
  void aMinuteOfItsOwn() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    users = new UserFixture(jdbc, passwords, client);
    // Forwards only, to a minute no earlier test counted in.
    Instant later = CLOCK.instant().isAfter(Instant.now()) ? CLOCK.instant() : Instant.now();
    CLOCK.set(later.plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES).plusSeconds(5));
  }

  @Test
  void countsAnonymousCallsPerClientAddressAndBelievesOnlyTrustedProxies() {
    for (int i = 19; i >= 0; i--) {
      anonymous(null)
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .valueEquals("X-RateLimit-Remaining", String.valueOf(i));
    }
    anonymous(null)
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "55")
        .expectHeader()
        .valueEquals("X-RateLimit-Limit", "20")
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

    // Forwarded by a proxy on loopback, which is trusted: another client, counted apart.
    anonymous("203.0.113.9")
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("X-RateLimit-Remaining", "19");

    CLOCK.advance(Duration.ofSeconds(55));
    anonymous(null).expectStatus().isUnauthorized();
  }

  @Test
  void countsCallsWithRefusedCredentialsAsAnonymousOnes() {
    for (int i = 19; i >= 1; i--) {
      get("/requests", "not-a-token")
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .valueEquals("X-RateLimit-Remaining", String.valueOf(i));
    }
    // Whatever the path: a path nobody serves says nothing about whether the key was valid.
    client
        .get()
        .uri("/no-such-path")
        .header("X-API-Key", "not-a-key")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .valueEquals("X-RateLimit-Remaining", "0");
    client
        .get()
        .uri("/requests")
        .header("X-API-Key", "not-a-key")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .exists("Retry-After");
  }

  @Test
  void countsAUsersCallsAndAnAdminsAdminCallsPerCaller() {
    User user = users.user();
    String userToken = tokenFor(user);
    for (int i = 0; i < 8; i++) {
      get("/requests", userToken).expectStatus().isOk();
    }
    get("/requests", userToken).expectStatus().isEqualTo(429);

    User admin = users.create("admin", true);
    String adminToken = tokenFor(admin);
    for (int i = 0; i < 12; i++) {
      get("/admin/users", adminToken)
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals("X-RateLimit-Limit", "12");
    }
    get("/admin/users", adminToken).expectStatus().isEqualTo(429);
    get("/requests", adminToken)
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-RateLimit-Limit", "8");
  }

  @Test
  void countsASubmissionOverTheLimitAsRateLimitedButNoOtherCall() {
    String userToken = tokenFor(users.user());
    Counter rateLimited =
        registry.get("airlock.submissions").tag("outcome", "rate_limit").counter();
    double before = rateLimited.count();
    for (int i = 0; i < 8; i++) {
      get("/requests", userToken).expectStatus().isOk();
    }

    get("/requests", userToken).expectStatus().isEqualTo(429);
    client
        .post()
        .uri("/requests")
        .header("Authorization", "Bearer " + userToken)
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"index\":\"logs\",\"query_type\":\"search\",\"query_params\":{},\"priority\":0}")
        .exchange()
        .expectStatus()
        .isEqualTo(429);

    assertThat(rateLimited.count()).isEqualTo(before + 1);
  }

  @Test
  void throttlesSignInPerUsernameAndPerAddressBeforeThePasswordIsChecked() {
    User user = users.user();
    for (int i = 0; i < 3; i++) {
      login(user.username(), "wrong password").expectStatus().isUnauthorized();
    }
    clearInvocations(passwords);
    login(user.username(), UserFixture.PASSWORD)
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, "55")
        .expectHeader()
        .valueEquals("X-RateLimit-Limit", "3")
        .expectHeader()
        .valueEquals("X-RateLimit-Remaining", "0");
    verify(passwords, never()).matches(any(), any());

    User other = users.user();
    login(other.username(), UserFixture.PASSWORD).expectStatus().isOk();
    login(other.username(), UserFixture.PASSWORD).expectStatus().isOk();
    // The seventh attempt from this address this minute.
    login(other.username(), UserFixture.PASSWORD).expectStatus().isEqualTo(429);

    CLOCK.advance(Duration.ofMinutes(1));
    login(user.username(), UserFixture.PASSWORD).expectStatus().isOk();
  }

  @Test
  void allowsExactlyTheLimitFromManyThreadsOnTwoInstances() throws Exception {
    MinuteLimits otherInstance = new MinuteLimits(countsOfAnotherInstance(), CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        MinuteLimits instance = i % 2 == 0 ? limits : otherInstance;
        calls.add(() -> instance.take("api:user:concurrency", 37).allowed());
      }
      long allowed = 0;
      for (Future<Boolean> call : pool.invokeAll(calls)) {
        allowed += call.get() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(37);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The counts as another instance of this side would reach them. */
  RateCounts countsOfAnotherInstance() {
    return new RateCountsInPostgres(new JdbcTemplate(dataSource));
  }

  private RestTestClient.ResponseSpec anonymous(String forwardedFor) {
    RestTestClient.RequestBodySpec call =
        client.post().uri("/auth/refresh").contentType(MediaType.APPLICATION_JSON);
    if (forwardedFor != null) {
      call.header("X-Forwarded-For", forwardedFor);
    }
    return call.body("{\"refresh_token\":\"not-a-token\"}").exchange();
  }

  private RestTestClient.ResponseSpec get(String path, String token) {
    return client.get().uri(path).header("Authorization", "Bearer " + token).exchange();
  }

  private RestTestClient.ResponseSpec login(String username, String password) {
    return client
        .post()
        .uri("/auth/login")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password))
        .exchange();
  }

  /**
   * A token issued by the real time (the token's own checks do not follow the test's clock), signed
   * in from an address of its own, so that the sign-in counts in no bucket a test looks at.
   */
  private String tokenFor(User someone) {
    Instant moved = CLOCK.instant();
    CLOCK.set(Instant.now());
    try {
      String body =
          client
              .post()
              .uri("/auth/login")
              .header("X-Forwarded-For", "192.0.2." + (1 + (int) (Math.random() * 250)))
              .contentType(MediaType.APPLICATION_JSON)
              .body(
                  "{\"username\":\"%s\",\"password\":\"%s\"}"
                      .formatted(someone.username(), UserFixture.PASSWORD))
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
      return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    } finally {
      CLOCK.set(moved);
    }
  }
}
