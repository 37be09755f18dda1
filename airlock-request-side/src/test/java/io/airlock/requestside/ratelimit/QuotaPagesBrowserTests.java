package io.airlock.requestside.ratelimit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The quota page in the browser: gauges, the warning. */
@RequestSideIntegrationTest
class QuotaPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void showsTheQuotasAsGaugesWithTheWarning() {
    directoryChanges.apply(
        () ->
            // The day's window: a minute's could start afresh while the test runs.
            jdbc.sql("update users set per_day = 5, version = version + 1 where id = :id")
                .param("id", user.id())
                .update());
    for (int i = 0; i < 4; i++) {
      requests.submit(token);
    }
    page = browser.page(base());
    signIn(user);

    page.getByText("My quotas").first().click();
    assertThat(page).hasURL(Pattern.compile("/console/quota$"));
    assertThat(page.locator("[data-window=day] .value")).hasText("4 of 5 used");
    assertThat(page.locator("[data-window=day] .chip")).hasText("nearly used");
    assertThat(page.locator("[data-window=hour] .chip")).hasCount(0);
    assertThat(page.locator("[data-window=day] meter")).hasAttribute("value", "4");
    Browser.assertAccessible(page);
  }
}
