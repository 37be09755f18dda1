package io.airlock.requestside.ratelimit;

import io.airlock.requestside.RequestSideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code X-Forwarded-For} from a client that is not a configured proxy changes nothing: the calls
 * count against the address they came from, so a client cannot escape its limit by inventing one.
 */
@RequestSideIntegrationTest
@TestPropertySource(
    properties = {
      "airlock.rate-limits.anonymous=3",
      // Only this proxy is trusted; the test's calls come from loopback.
      "server.tomcat.remoteip.internal-proxies=10\\.9\\.8\\.7"
    })
class UntrustedProxyIntegrationTests {

  @LocalServerPort int port;

  @Test
  void ignoresForwardedForFromAnUntrustedClient() {
    RestTestClient client =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    for (int i = 0; i < 3; i++) {
      call(client, "198.51.100." + i).expectStatus().isUnauthorized();
    }
    call(client, "198.51.100.99").expectStatus().isEqualTo(429);
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
