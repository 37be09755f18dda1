package io.airlock.requestside;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.airlock.console.testing.Browser;
import io.airlock.requestside.users.User;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The screenshots of docs/console.md: the main pages in the light and the dark theme, and one in
 * Persian, each checked before it is taken. They go to {@code target/console-screenshots/docs}; to
 * refresh the documentation's, run this test with {@code
 * -Dairlock.docs.screenshots=<repository>/docs/console}.
 */
@RequestSideIntegrationTest
class ConsoleScreenshotsBrowserTests extends ConsoleBrowserTest {

  static final Path WHERE =
      Path.of(
          System.getProperty(
              "airlock.docs.screenshots", Browser.SCREENSHOTS.resolve("docs").toString()));

  @Test
  void takesTheMainPagesInBothThemesAndInPersian() {
    UUID answered = requests.submit(token);
    requests.responded(
        answered,
        """
        {"hits": {"total": {"value": 3}, "hits": [
          {"_id": "a1", "_source": {"host": "db-1", "level": "error", "code": 503}},
          {"_id": "a2", "_source": {"host": "db-2", "level": "warn", "code": 429}},
          {"_id": "a3", "_source": {"host": "web-1", "level": "error", "code": 500}}]},
         "aggregations": {"by_level": {"buckets": [
          {"key": "error", "doc_count": 2}, {"key": "warn", "doc_count": 1}]}}}""",
        "1".repeat(64));
    requests.status(requests.submit(token), "failed");
    requests.submit(token);
    User admin = users.create("admin", true);

    page = browser.page(base(), "en-US", ColorScheme.LIGHT);
    signIn(user);
    shoot("/console/requests/" + answered, answer(), answer(), "request-light");
    shoot("/console/requests", page.locator("main table"), "requests-light");
    page.context().close();

    page = browser.page(base(), "en-US", ColorScheme.DARK);
    signIn(user);
    shoot("/console/requests/" + answered, answer(), answer(), "request-dark");
    page.context().close();

    page = browser.page(base(), "fa-IR", ColorScheme.LIGHT);
    signIn(user);
    shoot("/console/ask", page.locator("html[dir=rtl]"), "ask-persian");
    page.context().close();

    page = browser.page(base(), "en-US", ColorScheme.DARK);
    signIn(admin);
    shoot("/console/admin", page.locator("canvas[data-drawn=yes]").nth(3), "dashboard-dark");
  }

  private Locator answer() {
    return page.locator("#answer");
  }

  /** Opens the page, waits for what shows it is ready, and keeps its first screen, small. */
  private void shoot(String path, Locator ready, String name) {
    shoot(path, ready, page.locator("html"), name);
  }

  /** As {@link #shoot(String, Locator, String)}, the screen scrolled to {@code top}. */
  private void shoot(String path, Locator ready, Locator top, String name) {
    page.setViewportSize(1100, 720);
    page.navigate(path);
    assertThat(ready).isVisible();
    top.evaluate("element => element.scrollIntoView({block: 'start'})");
    page.screenshot(new Page.ScreenshotOptions().setPath(WHERE.resolve(name + ".png")));
  }
}
