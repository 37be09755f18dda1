package io.airlock.responseside.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import org.junit.jupiter.api.Test;

/** An operator makes an API key in the console, the admin API takes it, and they revoke it. */
@AdminApiIntegrationTest
class ApiKeyPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void makesAKeyShownOnceThatTheApiTakesAndRevokesIt() {
    signIn();

    page.getByText("API keys").first().click();
    page.locator("#create input[name=name]").fill("nightly export");
    page.locator("#create button").click();
    String key = page.locator("#new-key").textContent().strip();
    Browser.assertAccessible(page);
    AdminApi.withApiKey(port, key).get().uri("/admin/users").exchange().expectStatus().isOk();

    page.navigate("/console/api-keys");
    assertThat(page.locator("#new-key")).hasCount(0);
    page.locator("#keys tr", new Page.LocatorOptions().setHasText("nightly export"))
        .locator("button")
        .click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator(".flash")).hasText("The key is revoked.");
    AdminApi.withApiKey(port, key)
        .get()
        .uri("/admin/users")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }
}
