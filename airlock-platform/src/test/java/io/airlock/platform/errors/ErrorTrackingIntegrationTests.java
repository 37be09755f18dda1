package io.airlock.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.platform.web.RequestId;
import io.sentry.Sentry;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Errors logged on a side reach a Sentry over HTTP, tagged with their side and request id, and
 * without the personal data the thread had about it.
 */
class ErrorTrackingIntegrationTests {

  static final Logger log = LoggerFactory.getLogger(ErrorTrackingIntegrationTests.class);

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ErrorTrackingAutoConfiguration.class));

  FakeSentry sentry;

  @BeforeEach
  void startSentry() throws IOException {
    sentry = FakeSentry.start();
  }

  @AfterEach
  void stopSentry() {
    MDC.clear();
    Sentry.close();
    sentry.close();
  }

  @Test
  void sendsAnErrorWithItsSideAndRequestIdButNoPersonalData() {
    runner
        .withPropertyValues(
            "airlock.side=request",
            "airlock.sentry.dsn=" + sentry.dsn(),
            "airlock.sentry.environment=staging")
        .run(
            context -> {
              MDC.put(RequestId.MDC_KEY, "req-4711");
              MDC.put("username", "alice.from.mdc");
              User user = new User();
              user.setEmail("alice@example.org");
              user.setIpAddress("203.0.113.7");
              Sentry.setUser(user);
              Request request = new Request();
              request.setCookies("SESSION=cookie-of-alice");
              request.setHeaders(Map.of("Authorization", "Bearer token-of-alice"));
              request.setData("{\"query\":\"what alice searched\"}");
              Sentry.configureScope(scope -> scope.setRequest(request));

              log.error("Import failed", new IllegalStateException("batch 42 has a bad checksum"));

              String envelope = sentry.envelopeContaining("batch 42 has a bad checksum");
              assertThat(envelope)
                  .contains(
                      "Import failed",
                      "\"side\":\"request\"",
                      "\"requestId\":\"req-4711\"",
                      "\"environment\":\"staging\"")
                  .doesNotContain(
                      "alice", "203.0.113.7", "\"user\":{", "\"request\":{", "\"server_name\"");
            });
  }

  @Test
  void tagsEachErrorWithTheSideThatLoggedItWhereBothSidesShareTheJvm() {
    runner
        .withPropertyValues(
            "airlock.side=request",
            "spring.application.name=airlock-request-side",
            "airlock.sentry.dsn=" + sentry.dsn())
        .run(
            requestSide -> {
              runner
                  .withPropertyValues(
                      "airlock.side=response",
                      "spring.application.name=airlock-response-side",
                      "airlock.sentry.dsn=" + sentry.dsn())
                  .run(
                      responseSide -> {
                        MDC.put(ApplicationInLogs.MDC_KEY, "airlock-response-side");
                        log.error("Search failed", new IllegalStateException("engine is down"));

                        assertThat(sentry.envelopeContaining("engine is down"))
                            .contains("\"side\":\"response\"")
                            .doesNotContain("\"side\":\"request\"");
                      });

              MDC.put(ApplicationInLogs.MDC_KEY, "airlock-request-side");
              log.error("Export failed", new IllegalStateException("outbox is full"));

              assertThat(sentry.envelopeContaining("outbox is full"))
                  .contains("\"side\":\"request\"")
                  .doesNotContain("\"side\":\"response\"");
            });
  }
}
