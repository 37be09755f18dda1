package io.airlock.requestside.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What every answer of the request side carries to keep browsers and proxies honest: hardening
 * headers, CORS only for the configured origins, gzip for large JSON, and a cap on request bodies.
 */
@RequestSideIntegrationTest
@TestPropertySource(
    properties = {
      "airlock.http.cors.allowed-origins=https://portal.example.org",
      "airlock.http.max-request-body=2KB",
      // The test's calls come from loopback, which stands for the proxy here.
      "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"
    })
class HardeningIntegrationTests {

  @LocalServerPort int port;
  RestTestClient client;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void answersWithTheHardeningHeadersAndHstsOnlyOverTls() {
    HttpHeaders plain =
        client.get().uri("/actuator/health").exchange().returnResult().getResponseHeaders();
    assertThat(plain.getFirst("Content-Security-Policy"))
        .isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
    assertThat(plain.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(plain.getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(plain.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(plain.getFirst("Permissions-Policy"))
        .isEqualTo(SecurityConfiguration.PERMISSIONS_POLICY);
    assertThat(plain.getFirst("Strict-Transport-Security")).as("plain HTTP").isNull();

    HttpHeaders behindTls =
        client
            .get()
            .uri("/actuator/health")
            .header("X-Forwarded-Proto", "https") // from loopback: a trusted proxy
            .exchange()
            .returnResult()
            .getResponseHeaders();
    assertThat(behindTls.getFirst("Strict-Transport-Security")).startsWith("max-age=31536000");
  }

  @Test
  void letsOnlyTheConfiguredOriginsCallFromABrowser() {
    client
        .options()
        .uri("/requests")
        .header("Origin", "https://portal.example.org")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Access-Control-Allow-Origin", "https://portal.example.org");
    client
        .options()
        .uri("/requests")
        .header("Origin", "https://evil.example.com")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void gzipsJsonOverOneKibibyte() throws Exception {
    HttpResponse<byte[]> docs = acceptingGzip("/docs/openapi.json");
    HttpResponse<byte[]> small = acceptingGzip("/actuator/health/liveness");

    assertThat(docs.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(docs.body()[0] & 0xff).as("gzip magic").isEqualTo(0x1f);
    assertThat(small.headers().firstValue("Content-Encoding")).as("under 1 KiB").isEmpty();
  }

  private HttpResponse<byte[]> acceptingGzip(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void refusesABodyOverTheLimitWith413() {
    String big = "{\"username\":\"" + "x".repeat(3000) + "\",\"password\":\"y\"}";

    client
        .post()
        .uri("/auth/login")
        .contentType(MediaType.APPLICATION_JSON)
        .body(big)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("The request body may be at most 2048 bytes.");
  }

  @Test
  void stopsReadingABodySentWithoutALengthAtTheLimit() throws Exception {
    // Well-formed, and 401 if it were read whole: the padding is a field nobody reads.
    String padding = "x".repeat(3000);
    byte[] big =
        ("{\"username\":\"nobody\",\"password\":\"wrong\",\"padding\":\"" + padding + "\"}")
            .getBytes();

    HttpResponse<String> chunked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(400);
    assertThat(chunked.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
