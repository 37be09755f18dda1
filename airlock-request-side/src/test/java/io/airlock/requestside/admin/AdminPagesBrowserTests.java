package io.airlock.requestside.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin pages in the browser, for an admin; a user sees none of them. */
@RequestSideIntegrationTest
class AdminPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void theDashboardShowsCardsChartsLinksAndTheLatestRequests() {
    requests.submit(token);
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.getByText("Dashboard").first().click();
    assertThat(page.locator("#cards .stat")).hasCount(5);
    assertThat(page.locator("canvas[data-chart]")).hasCount(4);
    assertThat(page.locator("canvas[data-drawn=yes]")).hasCount(4);
    assertThat(page.locator("#latest tbody tr")).not().hasCount(0);
    Browser.assertAccessible(page);
    page.getByText("Last 7 days").click();
    assertThat(page.locator("canvas[data-drawn=yes]")).hasCount(4);
  }

  @Test
  void aUserHasNoAdminPages() {
    page = browser.page(base());
    signIn(user);

    assertThat(page.getByText("Dashboard")).hasCount(0);
    org.assertj.core.api.Assertions.assertThat(page.navigate("/console/admin").status())
        .isEqualTo(404);
  }

  @Test
  void cancelsAUsersRequestFromTheDrawer() {
    UUID pending = requests.submit(token);
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.navigate("/console/admin/requests?user=" + user.username());
    page.locator("tr[data-request='" + pending + "'] button").click();
    page.locator("#drawer").getByText("Cancel the request").click();
    page.locator("#confirm button[value=ok]").click();

    assertThat(page.locator("#status .chip")).hasText("cancelled");
    assertThat(page.locator(".flash")).isVisible();
    org.assertj.core.api.Assertions.assertThat(
            jdbc.sql("select status from requests where id = :id")
                .param("id", pending)
                .query(String.class)
                .single())
        .isEqualTo("cancelled");
  }

  @Test
  void listsAllRequestsWithADrawerAndRetriesAFailedOne() {
    UUID pending = requests.submit(token);
    UUID failed = requests.submit(token);
    requests.status(failed, "failed");
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.navigate("/console/admin/requests?user=" + user.username());
    assertThat(page.locator("#all-requests tbody tr")).hasCount(2);
    page.locator("tr[data-request='" + failed + "'] button").click();
    assertThat(page.locator("#drawer #status .chip")).hasText("failed");
    Browser.assertAccessible(page);

    page.locator("#drawer").getByText("Retry as a new request").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#copy")).isVisible();
    UUID copy = UUID.fromString(page.locator("#copy").textContent().strip());
    org.assertj.core.api.Assertions.assertThat(copy).isNotIn(pending, failed);
    org.assertj.core.api.Assertions.assertThat(requests.requestsOf(user)).isEqualTo(3);

    page.navigate("/console/admin/requests?status=pending&user=" + user.username());
    assertThat(page.locator("#all-requests tbody tr")).hasCount(2);
    page.locator("select[name=sort]").selectOption("oldest");
    page.locator("form[role=search] button").click();
    page.waitForURL(Pattern.compile(".*sort=oldest.*"));
    assertThat(page.locator("#all-requests tbody tr").first())
        .hasAttribute("data-request", pending.toString());
    assertThat(page.locator("#all-requests tbody tr")).hasCount(2);
  }
}
