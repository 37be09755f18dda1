package io.airlock.requestside.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit log for an admin: filters, search, details and the CSV export of the filtered range.
 */
@RequestSideIntegrationTest
class AuditPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void filtersSearchesShowsDetailsAndExportsWhatIsFiltered() throws IOException {
    User admin = users.create("admin", true);
    client
        .post()
        .uri("/auth/login")
        .body(Map.of("username", user.username(), "password", "not the password"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    page = browser.page(base());
    signIn(admin);

    page.getByText("Audit log").first().click();
    page.locator("input[name=actor]").fill(user.username());
    page.locator("select[name=outcome]").selectOption("failure");
    page.locator("form[role=search] button").click();
    assertThat(page.locator("#audit tbody tr")).hasCount(1);
    assertThat(page.locator("#audit tbody tr code").first()).hasText("login");
    Browser.assertAccessible(page);

    page.locator("#audit tbody tr button").click();
    assertThat(page.locator("#drawer #outcome")).hasText("failure");
    assertThat(page.locator("#drawer #detail")).not().hasText("–");

    Download csv = page.waitForDownload(() -> page.locator("#export").click());
    List<String> lines = Files.readAllLines(csv.path());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(AuditCsv.HEADER);
    assertThat(lines.get(1)).contains(user.username(), "login", "failure");

    page.navigate("/console/admin/audit?q=" + admin.username().toUpperCase());
    assertThat(page.locator("#audit tbody tr")).not().hasCount(0);
    for (String actor : page.locator("#audit tbody tr td:nth-child(2)").allTextContents()) {
      assertThat(actor).isEqualTo(admin.username());
    }
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsRefused() {
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    assertThat(page.navigate("/console/admin/audit?from=2026-12-06&to=2026-12-01").status())
        .isEqualTo(400);
    assertThat(page.navigate("/console/admin/audit?outcome=maybe").status()).isEqualTo(400);
  }
}
