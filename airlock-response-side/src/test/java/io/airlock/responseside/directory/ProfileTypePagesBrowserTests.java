package io.airlock.responseside.directory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Profile types and settings in the operators' console, refused in place as the API refuses. */
@AdminApiIntegrationTest
class ProfileTypePagesBrowserTests extends ConsoleBrowserTest {

  @Autowired Directory directory;

  @Test
  void createsAndChangesAProfileType() {
    String name = "t" + UUID.randomUUID().toString().substring(0, 8);
    signIn();

    page.getByText("Profile types").first().click();
    page.locator("#create input[name=name]").fill("Not A Name");
    page.locator("#create input[name=perMinute]").fill("0");
    page.locator("#create input[name=allowedIndices]").fill("logs-*");
    page.locator("#create button").click();
    assertThat(page.locator("[data-error=name]")).isVisible();
    assertThat(page.locator("[data-error=per_minute]")).containsText("greater than 0");
    assertThat(page.locator("[data-error=per_hour]")).isVisible();
    assertThat(page.locator("[data-error=allowed_indices]")).isVisible();
    Browser.assertAccessible(page);

    page.locator("#create input[name=name]").fill(name);
    page.locator("#create input[name=perMinute]").fill("5");
    page.locator("#create input[name=perHour]").fill("50");
    page.locator("#create input[name=perDay]").fill("500");
    page.locator("#create input[name=allowedIndices]").fill("incidents, assets");
    page.locator("#create button").click();
    assertThat(page).hasURL(Pattern.compile("/console/directory/profile-types/" + name + "$"));
    assertThat(page.locator("#flash")).containsText("created");
    assertThat(directory.profileType(name).orElseThrow().allowedIndices())
        .isEqualTo(List.of("incidents", "assets"));

    page.locator("#edit input[name=maxPriority]").fill("11");
    page.locator("#edit button").click();
    assertThat(page.locator("[data-error=max_priority]")).containsText("less than or equal to 10");
    page.locator("#edit input[name=maxPriority]").fill("3");
    page.locator("#edit button").click();
    assertThat(page.locator("#flash")).hasText("The profile type is saved.");
    assertThat(directory.profileType(name).orElseThrow().maxPriority()).isEqualTo(3);
  }

  @Test
  void setsASettingAndRefusesABadKey() {
    String key = "test." + UUID.randomUUID().toString().substring(0, 8);
    signIn();

    page.getByText("Settings").first().click();
    page.locator("#put input[name=key]").fill("Bad Key");
    page.locator("#put button").click();
    assertThat(page.locator("[data-error=key]")).containsText("must match");
    page.locator("#put input[name=key]").fill(key);
    page.locator("#put input[name=value]").fill("on");
    page.locator("#put button").click();
    assertThat(page.locator("#flash")).hasText("The setting is saved.");
    assertThat(page.locator("tr[data-key='" + key + "']")).containsText("on");
    Browser.assertAccessible(page);
  }
}
