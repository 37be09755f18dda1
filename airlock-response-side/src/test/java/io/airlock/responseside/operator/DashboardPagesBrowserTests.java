package io.airlock.responseside.operator;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import io.airlock.responseside.monitoring.SystemLog;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Operators sign in to the console; the dashboard shows the queue, the engine and the alerts. */
@AdminApiIntegrationTest
class DashboardPagesBrowserTests extends ConsoleBrowserTest {

  @Autowired SystemLog log;
  @Autowired JdbcClient jdbc;

  @Test
  void anOperatorSignsInSeesTheDashboardAndSignsOut() {
    String alert = "Disk almost full " + AdminApi.uniqueUsername("test");
    log.record(SystemLog.Level.WARN, "monitoring", alert, Map.of("percent", 93));
    signIn();

    assertThat(page).hasURL(Pattern.compile("/console$"));
    assertThat(page.locator("#cards .stat")).hasCount(4);
    assertThat(page.locator("canvas[data-drawn=yes]")).hasCount(4);
    assertThat(page.locator("#alerts")).containsText(alert);
    Browser.assertAccessible(page);
    page.getByText("Last day").click();
    assertThat(page).hasURL(Pattern.compile("/console\\?range=day$"));
    assertThat(page.locator("canvas[data-drawn=yes]")).hasCount(4);

    page.getByText("Sign out").click();
    assertThat(page).hasURL(Pattern.compile("/console/login\\?signed-out$"));
    page.navigate("/console");
    assertThat(page).hasURL(Pattern.compile("/console/login$"));
  }

  @Test
  void refusesAWrongPasswordAndAnAccountOfTheDirectoryAndLogsBoth() {
    String exported = AdminApi.uniqueUsername("exported");
    AdminApi.createUser(AdminApi.asAdmin(port), exported, "admin", "a long enough password");
    page = browser.page(base());

    page.navigate("/console/login");
    page.locator("#username").fill(AdminApi.ADMIN);
    page.locator("#password").fill("not the password");
    page.locator("main button[type=submit]").click();
    assertThat(page).hasURL(Pattern.compile("/console/login\\?error$"));
    Browser.assertAccessible(page);

    // A user of the directory, admin or not, crosses to the request side, where their password
    // can be changed: they may not sign in here (DESIGN §2 "Trust").
    page.locator("#username").fill(exported);
    page.locator("#password").fill("a long enough password");
    page.locator("main button[type=submit]").click();
    assertThat(page).hasURL(Pattern.compile("/console/login\\?error$"));
    assertThat(page.navigate("/console").url()).endsWith("/console/login");
    assertThat(refusals(AdminApi.ADMIN)).isPositive();
    assertThat(refusals(exported)).isEqualTo(1);
  }

  private long refusals(String username) {
    return jdbc.sql(
            """
            select count(*) from system_logs where component = 'console'
              and message = 'Console sign-in refused' and details ->> 'username' = :username""")
        .param("username", username)
        .query(Long.class)
        .single();
  }

  @Test
  void theConsoleSessionAuthenticatesNoApiCall() {
    signIn();

    assertThat(page.request().get(base() + "/admin/dashboard").status()).isEqualTo(401);
  }
}
