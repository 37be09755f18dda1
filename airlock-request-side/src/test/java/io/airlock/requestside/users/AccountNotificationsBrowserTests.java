package io.airlock.requestside.users;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.notifications.NotificationsConfigured;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account page's notifications: the choice, a refused URL, and a secret shown once. */
@NotificationsConfigured
class AccountNotificationsBrowserTests extends ConsoleBrowserTest {

  @Test
  void choosesAWebhookShowsItsGeneratedSecretOnceThenChoosesEmail() {
    page = browser.page(base());
    signIn(user);
    page.navigate("/console/account");
    assertThat(page.locator("#channel-none")).isChecked();
    assertThat(page.locator("#notifications")).containsText(user.email());

    page.locator("#channel-webhook").check();
    page.locator("#webhookUrl").fill("https://internal.example.net/hook");
    page.getByText("Save the notifications").click();
    assertThat(page.locator("#problem"))
        .containsText("webhook_url is not under a URL the administrator allows");
    assertThat(choice()).isNull();

    page.locator("#channel-webhook").check();
    page.locator("#webhookUrl").fill(NotificationsConfigured.ALLOWED + "ops");
    page.getByText("Save the notifications").click();
    assertThat(page.locator(".flash")).containsText("How you hear of your requests is saved");
    String shown = page.locator("#new-secret").textContent();
    assertThat(shown).startsWith("whsec_");
    assertThat(choice())
        .containsEntry("channel", "webhook")
        .containsEntry("webhook_url", NotificationsConfigured.ALLOWED + "ops")
        .containsEntry("webhook_secret", shown);
    Browser.assertAccessible(page);

    page.navigate("/console/account");
    assertThat(page.locator("#new-secret")).hasCount(0);
    assertThat(page.locator("#channel-webhook")).isChecked();
    assertThat(page.locator("#webhookUrl")).hasValue(NotificationsConfigured.ALLOWED + "ops");
    assertThat(page.content()).doesNotContain(shown);

    page.locator("#new-secret-form button").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator(".flash")).containsText("Your webhook has a new secret");
    String renewed = page.locator("#new-secret").textContent();
    assertThat(renewed).startsWith("whsec_").isNotEqualTo(shown);
    assertThat(choice()).containsEntry("webhook_secret", renewed);

    page.locator("#channel-email").check();
    page.getByText("Save the notifications").click();
    assertThat(page.locator(".flash")).containsText("How you hear of your requests is saved");
    assertThat(page.locator("#channel-email")).isChecked();
    assertThat(choice())
        .containsEntry("channel", "email")
        .containsEntry("webhook_url", null)
        .containsEntry("webhook_secret", null);
  }

  private Map<String, Object> choice() {
    return jdbc
        .sql(
            """
            select channel, webhook_url, webhook_secret from notification_preferences
            where user_id = :id""")
        .param("id", user.id())
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(null);
  }
}
