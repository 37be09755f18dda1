package io.airlock.requestside.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.requests.RequestFixture;
import io.airlock.requestside.users.User;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The settings page: the directory's profile types and settings, and this side's configuration with
 * its secrets masked (a context of its own, for a JWT secret to hide).
 */
@RequestSideIntegrationTest
@TestPropertySource(properties = {"airlock.auth.jwt.secret=" + AdminSettingsBrowserTests.SECRET})
class AdminSettingsBrowserTests extends ConsoleBrowserTest {

  static final String SECRET = "a-jwt-secret-nobody-may-see-0123456789abcdef";

  @Test
  void showsTheDirectorysProfileTypesAndSettingsAndTheConfigurationWithoutSecrets() {
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.getByText("Settings").first().click();
    assertThat(page.locator("tr[data-profile='" + RequestFixture.PROFILE + "']")).isVisible();
    assertThat(page.locator("tr[data-property='airlock.quotas.warn-at'] td").last()).hasText("0.8");
    assertThat(page.locator("tr[data-property='airlock.transfer.signatures.enabled'] td").last())
        .hasText("true");
    assertThat(page.locator("tr[data-property='airlock.auth.jwt.secret'] td").last())
        .hasText("******");
    assertThat(page.content()).doesNotContain(SECRET);
    Browser.assertAccessible(page);

    String api =
        client
            .get()
            .uri("/admin/settings")
            .header("Authorization", "Bearer " + users.accessToken(admin))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(api).contains("\"profile_types\"", "airlock.quotas.warn-at").doesNotContain(SECRET);
  }
}
