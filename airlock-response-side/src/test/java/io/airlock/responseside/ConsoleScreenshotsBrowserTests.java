package io.airlock.responseside;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.airlock.console.testing.Browser;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.transfer.records.QueryType;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operators' console in docs/console.md: the dashboard, a request in the drawer (dark) and the
 * cache, each checked before it is taken. They go to {@code target/console-screenshots/docs}; to
 * refresh the documentation's, run this test with {@code
 * -Dairlock.docs.screenshots=<repository>/docs/console}.
 */
@AdminApiIntegrationTest
class ConsoleScreenshotsBrowserTests extends ConsoleBrowserTest {

  static final Path WHERE =
      Path.of(
          System.getProperty(
              "airlock.docs.screenshots", Browser.SCREENSHOTS.resolve("docs").toString()));

  @Autowired JdbcClient jdbc;

  @Test
  void takesTheOperatorsMainPages() {
    String username = AdminApi.uniqueUsername("analyst");
    UUID userId =
        UUID.fromString(
            (String)
                AdminApi.createUser(AdminApi.asAdmin(port), username, "user", "a long password!")
                    .get("id"));
    QueueFixture queue = new QueueFixture(jdbc);
    UUID shown = null;
    for (int priority = 1; priority <= 4; priority++) {
      shown = queue.enqueue("incidents", QueryType.SEARCH, "{\"size\": 5}", priority);
      jdbc.sql("update incoming_requests set user_id = :user where request_id = :id")
          .param("user", userId)
          .param("id", shown)
          .update();
    }
    for (int i = 0; i < 6; i++) {
      jdbc.sql(
              """
              insert into query_results (request_id, outcome, result, execution_ms, cache_hit,
                  decided_at)
              values (:id, 'completed', '{"hits": {"hits": []}}'::jsonb, :ms, :hit,
                  now() - make_interval(mins => :ago))""")
          .param("id", UUID.randomUUID())
          .param("ms", 20 + 15 * i)
          .param("hit", i % 3 == 0)
          .param("ago", i * 7)
          .update();
    }
    AdminApi.asAdmin(port)
        .post()
        .uri("/admin/cache/prewarm")
        .body(
            Map.of(
                "index",
                "incidents",
                "query_type",
                "count",
                "query_params",
                Map.of("query", Map.of("match", Map.of("severity", "critical")))))
        .exchange()
        .expectStatus()
        .isCreated();

    signIn();
    shoot("/console", page.locator("canvas[data-drawn=yes]").nth(3), "operator-dashboard-light");
    shoot("/console/cache", page.locator("#entries"), "operator-cache-light");
    page.context().close();

    page = browser.page(base(), "en-US", ColorScheme.DARK);
    signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
    page.setViewportSize(1100, 720);
    page.navigate("/console/requests?user=" + username);
    page.locator("tr[data-request='" + shown + "'] button").click();
    assertThat(page.locator("#drawer #query")).isVisible();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(WHERE.resolve("operator-request-dark.png")));
  }

  private void shoot(String path, Locator ready, String name) {
    page.setViewportSize(1100, 720);
    page.navigate(path);
    assertThat(ready).isVisible();
    page.screenshot(new Page.ScreenshotOptions().setPath(WHERE.resolve(name + ".png")));
  }
}
