package io.airlock.requestside.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.console.testing.Browser;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.notifications.NotificationsConfigured;
import io.airlock.requestside.notifications.RequestEndings;
import io.airlock.requestside.requests.RequestExports;
import io.airlock.requestside.users.User;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin page of notification deliveries: reached from the menu, filtered by status, each with
 * its last error.
 */
@NotificationsConfigured
class AdminNotificationPagesBrowserTests extends ConsoleBrowserTest {

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired RequestExports exports;

  @Test
  void listsTheDeliveriesByStatusWithTheirLastError() {
    RequestEndings endings = new RequestEndings(requests, importer, folders, exports, jdbc);
    choose(token, NotificationsConfigured.UNREACHABLE + "x");
    UUID waiting = endings.exported(token);
    endings.complete(waiting);
    User other = requests.user();
    String otherToken = users.accessToken(other);
    choose(otherToken, NotificationsConfigured.ALLOWED);
    jdbc.sql("update notification_preferences set webhook_url = :url where user_id = :id")
        .param("url", "https://internal.example.net/")
        .param("id", other.id())
        .update();
    UUID given = endings.expired(otherToken);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> lastError(waiting) != null && "dead".equals(status(given)));

    page = browser.page(base());
    signIn(users.create("admin", true));
    assertThat(page.navigate("/console/admin/notifications?status=maybe").status()).isEqualTo(400);
    // From the menu; the test ends on the listing, which its screenshot then shows.
    page.getByText("Notifications").first().click();
    assertThat(page.locator("tr[data-request='" + waiting + "'] .delivery-status"))
        .hasText("pending");
    assertThat(page.locator("tr[data-request='" + waiting + "'] .last-error"))
        .containsText("ConnectException");
    assertThat(page.locator("tr[data-request='" + given + "'] .delivery-status")).hasText("dead");
    Browser.assertAccessible(page);

    page.locator("select[name=status]").selectOption("dead");
    page.locator("form[role=search] button").click();
    assertThat(page.locator("tr[data-request='" + given + "'] .last-error"))
        .hasText(
            "the webhook URL https://internal.example.net/ is not under a URL the administrator"
                + " allows ("
                + NotificationsConfigured.ALLOWED
                + ", "
                + NotificationsConfigured.UNREACHABLE
                + ")");
    assertThat(page.locator("tr[data-request='" + waiting + "']")).hasCount(0);
    for (String status : page.locator("#deliveries .delivery-status").allTextContents()) {
      assertThat(status).isEqualTo("dead");
    }
  }

  private void choose(String token, String url) {
    client
        .put()
        .uri("/users/me/notifications")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("channel", "webhook", "webhook_url", url))
        .exchange()
        .expectStatus()
        .isOk();
  }

  private String lastError(UUID request) {
    return jdbc.sql("select last_error from notification_deliveries where request_id = :id")
        .param("id", request)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private String status(UUID request) {
    return jdbc.sql("select status from notification_deliveries where request_id = :id")
        .param("id", request)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
