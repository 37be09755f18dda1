package io.airlock.requestside.apikeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import org.junit.jupiter.api.Test;

/** The API keys page in the browser: a key shown once, taken by the API, then revoked. */
@RequestSideIntegrationTest
class ApiKeyPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void createsAKeyShownOnceThatTheApiTakesAndRevokesIt() {
    page = browser.page(base());
    signIn(user);
    page.getByText("API keys").first().click();

    page.locator("input[name=name]").fill("nightly report");
    page.getByText("Create the key").click();
    String key = page.locator("#new-key").textContent().strip();
    assertThat(key).startsWith("alk_");
    Browser.assertAccessible(page);
    client.get().uri("/requests").header("X-API-Key", key).exchange().expectStatus().isOk();

    page.navigate("/console/api-keys");
    assertThat(page.locator("#new-key")).hasCount(0);
    assertThat(page.locator("#keys tbody tr")).hasCount(1);
    page.getByText("Revoke").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator(".flash")).hasText("The key is revoked.");
    assertThat(page.locator("#keys .chip")).hasText("revoked");
    client
        .get()
        .uri("/requests")
        .header("X-API-Key", key)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }
}
