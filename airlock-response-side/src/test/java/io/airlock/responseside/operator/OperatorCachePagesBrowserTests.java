package io.airlock.responseside.operator;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cache in the operators' console: pre-cache a query, see it, remove it, clear. */
@AdminApiIntegrationTest
class OperatorCachePagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void preCachesAQueryRemovesItAndClearsAnIndex() {
    signIn();

    page.getByText("Cache").first().click();
    assertThat(page.locator("canvas[data-drawn=yes]")).hasCount(2);
    page.locator("#prewarm input[name=index]").fill("incidents");
    page.locator("#query_params")
        .fill("{\"query\": {\"match\": {\"site\": \"" + UUID.randomUUID() + "\"}}, \"size\": 2}");
    page.locator("#prewarm button").click();
    assertThat(page.locator("#flash")).containsText("The query ran and is cached as");
    String key =
        page.locator("#flash").textContent().replaceAll(".* as ([0-9a-f]{64}).*", "$1").strip();
    assertThat(page.locator("tr[data-key='" + key + "']")).isVisible();
    Browser.assertAccessible(page);

    // After a redirect: the confirm dialog is wired by a deferred script, once the page has loaded.
    page.waitForLoadState();
    page.locator("tr[data-key='" + key + "'] button").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#flash")).containsText("is removed, on every instance");
    assertThat(page.locator("tr[data-key='" + key + "']")).hasCount(0);

    page.locator("#clear input[name=index]").fill("incidents");
    // After a redirect: the confirm dialog is wired by a deferred script, once the page has loaded.
    page.waitForLoadState();
    page.locator("#clear button").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#flash")).containsText("entries removed, on every instance");
  }

  @Test
  void refusesAQueryThatBreaksTheRulesSayingWhy() {
    signIn();

    page.navigate("/console/cache");
    page.locator("#prewarm input[name=index]").fill("incidents");
    page.locator("#query_params").fill("{\"query\": {\"script\": {\"source\": \"1\"}}}");
    page.locator("#prewarm button").click();
    assertThat(page.locator("#flash")).containsText("Refused: query_params.query");
    page.locator("#prewarm input[name=index]").fill("incidents");
    page.locator("#query_params").fill("{ not json");
    page.locator("#prewarm button").click();
    assertThat(page.locator("#flash")).containsText("query_params is not JSON");
  }
}
