package io.airlock.requestside.users;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The account page in the browser: the profile waiting for the high side, and the password. */
@RequestSideIntegrationTest
class AccountPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void changesTheProfileAndShowsItWaitingForTheHighSide() {
    page = browser.page(base());
    signIn(user);
    page.getByText("My account").first().click();

    page.locator("#email").fill("not an address");
    page.locator("#email").evaluate("e => e.type = 'text'");
    page.getByText("Save the profile").click();
    assertThat(page.locator("#problem")).containsText("email");
    page.locator("#displayName").fill("Ann Example");
    page.locator("#email").fill("ann@example.org");
    page.getByText("Save the profile").click();

    assertThat(page.locator(".flash")).containsText("The profile is saved");
    assertThat(page.locator("#pending")).containsText("Profile change");
    assertThat(page.locator("#displayName")).hasValue("Ann Example");
    assertThat(
            jdbc.sql(
                    "select count(*) from account_changes where user_id = :id and echoed_at is null")
                .param("id", user.id())
                .query(Long.class)
                .single())
        .isOne();
    Browser.assertAccessible(page);
  }

  @Test
  void changesThePasswordAndSignsInAgainWithIt() {
    page = browser.page(base());
    signIn(user);
    page.navigate("/console/account");

    page.locator("#currentPassword").fill("not the password");
    page.locator("#newPassword").fill("another long enough password");
    page.getByText("Change the password").click();
    assertThat(page.locator("#problem")).hasText("The current password is not correct.");

    page.locator("#currentPassword").fill(UserFixture.PASSWORD);
    page.locator("#newPassword").fill("another long enough password");
    page.getByText("Change the password").click();
    assertThat(page).hasURL(Pattern.compile("/console/login\\?password-changed$"));
    page.locator("#username").fill(user.username());
    page.locator("#password").fill("another long enough password");
    page.locator("main button[type=submit]").click();
    assertThat(page).hasURL(Pattern.compile("/console/requests$"));
  }
}
