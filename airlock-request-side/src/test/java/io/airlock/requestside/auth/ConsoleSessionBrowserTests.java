package io.airlock.requestside.auth;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A console session ends after its idle timeout (Spring Session's) and, however busy, after its
 * absolute one (12 h by default): aged here in the shared session store, as another instance would
 * see it.
 */
@RequestSideIntegrationTest
class ConsoleSessionBrowserTests extends ConsoleBrowserTest {

  /** The attribute {@code ConsoleSecurity} stamps at sign-in. */
  static final String SIGNED_IN_AT = "io.airlock.console.ConsoleSecurity.signedInAt";

  @Test
  void aSessionEndsAfterItsAbsoluteTimeoutHoweverBusy() throws IOException {
    page = browser.page(base());
    signIn(user);
    page.navigate("/console/requests");
    assertThat(page).hasURL(Pattern.compile("/console/requests$"));

    int aged =
        jdbc.sql(
                """
                update spring_session_attributes set attribute_bytes = :signedInAt
                where attribute_name = :name and session_primary_id in
                  (select primary_id from spring_session where principal_name = :username)""")
            .param(
                "signedInAt", serialized(Instant.now().minus(Duration.ofHours(13)).toEpochMilli()))
            .param("name", SIGNED_IN_AT)
            .param("username", user.username())
            .update();
    org.assertj.core.api.Assertions.assertThat(aged).isEqualTo(1);

    page.navigate("/console/requests");
    assertThat(page).hasURL(Pattern.compile("/console/login$"));
  }

  @Test
  void aSessionEndsAfterItsIdleTimeout() {
    page = browser.page(base());
    signIn(user);

    jdbc.sql(
            "update spring_session set last_access_time = 0, expiry_time = 0"
                + " where principal_name = :username")
        .param("username", user.username())
        .update();

    page.navigate("/console/requests");
    assertThat(page).hasURL(Pattern.compile("/console/login$"));
  }

  /** As Spring Session JDBC stores an attribute: Java serialization. */
  private static byte[] serialized(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }
}
