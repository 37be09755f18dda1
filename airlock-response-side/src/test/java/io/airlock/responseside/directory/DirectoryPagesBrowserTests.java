package io.airlock.responseside.directory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The directory in the operators' console: create, edit, limits, (de)activation, snapshot. */
@AdminApiIntegrationTest
class DirectoryPagesBrowserTests extends ConsoleBrowserTest {

  @Autowired Directory directory;

  @Test
  void createsAUserShowingTheApisRefusalsInPlace() {
    String username = AdminApi.uniqueUsername("new");
    signIn();

    page.getByText("Directory").first().click();
    page.locator("#create input[name=username]").fill("x!");
    page.locator("#create input[name=password]").fill("short");
    page.locator("#create button").click();
    assertThat(page.locator("[data-error=username]")).isVisible();
    assertThat(page.locator("[data-error=password]")).containsText("size must be between 8");
    assertThat(page.locator("#create input[name=username]")).hasValue("x!");
    Browser.assertAccessible(page);

    page.locator("#create input[name=username]").fill(username);
    page.locator("#create input[name=display_name]").fill("New Person");
    page.locator("#create input[name=password]").fill("a long enough password");
    page.locator("#create button").click();
    assertThat(page).hasURL(Pattern.compile("/console/directory/users/[0-9a-f-]{36}$"));
    assertThat(page.locator("#flash")).containsText("The user is created");
    assertThat(directory.user(username))
        .hasValueSatisfying(
            user -> {
              assertThat(user.displayName()).isEqualTo("New Person");
              assertThat(user.highSideOnly()).isFalse();
            });

    page.navigate("/console/directory");
    page.locator("#create input[name=username]").fill(username);
    page.locator("#create input[name=password]").fill("a long enough password");
    page.locator("#create button").click();
    assertThat(page.locator("[data-error=username]")).hasText("is taken");
  }

  @Test
  void editsAUsersProfileAndLimitsAndDeactivatesThem() {
    String username = AdminApi.uniqueUsername("edit");
    AdminApi.createUser(AdminApi.asAdmin(port), username, "user", "a long enough password");
    User user = directory.user(username).orElseThrow();
    signIn();

    page.navigate("/console/directory/users/" + user.id());
    page.locator("#profile input[name=display_name]").fill("Renamed");
    page.locator("#profile button").click();
    assertThat(page.locator("#flash")).hasText("The profile is saved.");
    assertThat(directory.user(username).orElseThrow().displayName()).isEqualTo("Renamed");

    page.locator("#limits input[name=per_minute]").fill("many");
    page.locator("#limits button").click();
    assertThat(page.locator("[data-error=per_minute]")).hasText("must be a whole number");
    page.locator("#limits input[name=per_minute]").fill("7");
    page.locator("#limits button").click();
    assertThat(page.locator("#flash")).hasText("The limits are saved.");
    assertThat(directory.user(username).orElseThrow().limits().perMinute()).isEqualTo(7L);
    Browser.assertAccessible(page);

    // After a redirect: the confirm dialog is wired by a deferred script, once the page has loaded.
    page.waitForLoadState();
    page.locator("#deactivate").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#active")).hasText("no");
    assertThat(directory.user(username).orElseThrow().active()).isFalse();
    page.locator("#activate").click();
    assertThat(page.locator("#active")).hasText("yes");
  }

  @Test
  void sendsADirectorySnapshot() {
    signIn();

    page.navigate("/console/directory");
    page.locator("#snapshot button").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#flash")).hasText("A directory snapshot is on its way.");
  }
}
