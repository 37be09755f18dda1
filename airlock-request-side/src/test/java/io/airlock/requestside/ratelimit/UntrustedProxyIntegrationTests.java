package io.airlock.requestside.ratelimit;

import io.airlock.platform.testing.MovableClock;
import io.airlock.requestside.RequestSideIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code X-Forwarded-For} and {@code -Proto} from a client that is not a configured proxy change
 * nothing, and by default none is, loopback included: the calls count against the address they came
 * from, so a client cannot escape its limit by inventing one, nor is a plain connection taken for
 * TLS.
 */
@RequestSideIntegrationTest
@TestPropertySource(properties = "airlock.rate-limits.anonymous=3") // and no proxy configured
@Import(UntrustedProxyIntegrationTests.Time.class)
class UntrustedProxyIntegrationTests {

  static final MovableClock CLOCK = new MovableClock();

  @TestConfiguration
  static class Time {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @LocalServerPort int port;

  @Test
  void byDefaultIgnoresForwardedForEvenFromAPrivateAddress() {
    CLOCK.set(Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
    RestTestClient client =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    for (int i = 0; i < 3; i++) {
      call(client, "198.51.100." + i).expectStatus().isUnauthorized();
    }
    call(client, "198.51.100.99").expectStatus().isEqualTo(429);
  }

  @Test
  void aClientCannotClaimTlsItDoesNotHaveToGetHsts() {
    RestTestClient client =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();

    client
        .get()
        .uri("/actuator/health")
        .header("X-Forwarded-Proto", "https")
        .exchange()
        .expectHeader()
        .doesNotExist("Strict-Transport-Security");
  }

  private static RestTestClient.ResponseSpec call(RestTestClient client, String forwardedFor) {
    return client
        .post()
        .uri("/auth/refresh")
        .header("X-Forwarded-For", forwardedFor)
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"refresh_token\":\"not-a-token\"}")
        .exchange();
  }
}
