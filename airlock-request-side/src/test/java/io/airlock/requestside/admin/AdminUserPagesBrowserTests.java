package io.airlock.requestside.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The users' pages for an admin: the replica, a user's limits, requests and keys, and actions. */
@RequestSideIntegrationTest
class AdminUserPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void listsUsersAndFiltersThem() {
    User admin = users.create("admin", true);
    User gone = users.create("user", false);
    page = browser.page(base());
    signIn(admin);

    page.getByText("Users").first().click();
    page.locator("input[name=username]").fill(user.username());
    page.locator("form[role=search] button").click();
    assertThat(page.locator("#users tbody tr")).hasCount(1);
    assertThat(page.locator("#users tbody tr[data-user='" + user.username() + "']")).isVisible();
    Browser.assertAccessible(page);

    page.navigate("/console/admin/users?active=no&username=" + gone.username());
    assertThat(page.locator("#users tbody tr")).hasCount(1);
    page.navigate("/console/admin/users?active=yes&username=" + gone.username());
    assertThat(page.locator("#users tbody tr")).hasCount(0);
  }

  @Test
  void aUsersPageShowsTheReplicaReadOnlyTheirUsageRequestsAndKeys_andResetsTheirLimits() {
    UUID submitted = requests.submit(token);
    requests.submit(token);
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.navigate("/console/admin/users?username=" + user.username());
    page.locator("#users tbody a").first().click();
    assertThat(page.locator(".read-only")).isVisible();
    assertThat(page.locator("#account")).containsText("user");
    // The day's window: a minute's could start afresh while the test runs.
    assertThat(page.locator(".stat[data-window=day] .value")).containsText("2 of");
    assertThat(page.locator("#user-requests tbody tr")).hasCount(2);
    assertThat(page.locator("#user-requests a[href$='" + submitted + "']")).isVisible();
    Browser.assertAccessible(page);

    page.locator("#reset").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator(".flash")).isVisible();
    assertThat(page.locator(".stat[data-window=day] .value")).containsText("0 of");
    assertThat(audited(admin, "user.reset_rate_limit")).isEqualTo(1);
  }

  @Test
  void anAdminRevokesAUsersKey() {
    String key = requests.apiKey(token);
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.navigate("/console/admin/users/" + user.id());
    assertThat(page.locator("#keys tbody tr")).hasCount(1);
    page.locator("#keys button.danger").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#keys .chip-cancelled")).isVisible();
    client
        .get()
        .uri("/requests")
        .header("X-API-Key", key)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(audited(admin, "api-key.revoke")).isEqualTo(1);
  }

  @Test
  void anUnknownUserIsNotFound() {
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    assertThat(page.navigate("/console/admin/users/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  private long audited(User admin, String action) {
    return jdbc.sql("select count(*) from audit_logs where actor = :actor and action = :action")
        .param("actor", admin.username())
        .param("action", action)
        .query(Long.class)
        .single();
  }
}
