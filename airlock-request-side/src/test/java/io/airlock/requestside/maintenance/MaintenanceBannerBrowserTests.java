package io.airlock.requestside.maintenance;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The maintenance message in the console: on every page, and as the ask form's refusal. */
@RequestSideIntegrationTest
class MaintenanceBannerBrowserTests extends ConsoleBrowserTest {

  static final String MESSAGE = "Upgrading the database until 14:00.";

  @AfterEach
  void endMaintenance() {
    jdbc.sql("delete from maintenance_mode").update();
  }

  @Test
  void showsTheMessageOnEveryPageAndRefusesTheAskForm() {
    page = browser.page(base());
    signIn(user);
    assertThat(page.locator(".banner")).hasCount(0);

    // Through the API, which this instance's cache takes at once (no wait for the signal).
    client
        .put()
        .uri("/admin/maintenance")
        .header("Authorization", "Bearer " + users.accessToken(users.create("admin", true)))
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("enabled", true, "message", MESSAGE))
        .exchange()
        .expectStatus()
        .isOk();
    page.navigate("/console/requests");
    assertThat(page.locator(".banner")).hasText(MESSAGE);
    page.navigate("/console/ask");
    assertThat(page.locator(".banner")).hasText(MESSAGE);
    Browser.assertAccessible(page);

    page.locator("select[name=index]").selectOption("logs");
    page.locator("#query_params").fill("{\"query\": {\"match_all\": {}}, \"size\": 5}");
    page.locator("main button[type=submit]").click();

    assertThat(page.locator("#problem")).hasText(MESSAGE);
    assertThat(requests.requestsOf(user)).isZero();
  }
}
