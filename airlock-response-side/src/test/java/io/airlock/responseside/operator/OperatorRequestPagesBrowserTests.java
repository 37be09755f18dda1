package io.airlock.responseside.operator;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.transfer.records.QueryType;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The incoming requests in the operators' console: the list, the drawer, cancel and priority. */
@AdminApiIntegrationTest
class OperatorRequestPagesBrowserTests extends ConsoleBrowserTest {

  @Autowired JdbcClient jdbc;
  QueueFixture queue;
  String username;
  UUID userId;

  @BeforeEach
  void user() {
    queue = new QueueFixture(jdbc);
    username = AdminApi.uniqueUsername("asker");
    userId =
        UUID.fromString(
            (String)
                AdminApi.createUser(AdminApi.asAdmin(port), username, "user", "a long password!")
                    .get("id"));
  }

  @Test
  void listsFiltersAndShowsARequestInTheDrawer() {
    UUID low = enqueue(1);
    UUID high = enqueue(3);
    signIn();

    page.getByText("Incoming requests").first().click();
    page.locator("input[name=user]").fill(username);
    page.locator("select[name=sort]").selectOption("priority");
    page.locator("form[role=search] button").click();
    page.waitForURL(Pattern.compile(".*sort=priority.*"));
    assertThat(page.locator("#requests tbody tr")).hasCount(2);
    assertThat(page.locator("#requests tbody tr").first())
        .hasAttribute("data-request", high.toString());
    Browser.assertAccessible(page);

    page.locator("tr[data-request='" + low + "'] button").click();
    assertThat(page.locator("#drawer #status .chip")).hasText("queued");
    assertThat(page.locator("#drawer #query")).containsText("\"size\" : 3");
    assertThat(page.locator("#drawer #priority")).containsText("up to 5");
    Browser.assertAccessible(page);
  }

  @Test
  void cancelsAQueuedRequestAndSetsAnothersPriority() {
    UUID cancelled = enqueue(1);
    UUID raised = enqueue(1);
    signIn();

    page.navigate("/console/requests/" + raised);
    page.locator("input[name=priority]").fill("4");
    page.getByText("Set the priority").click();
    assertThat(page.locator("#flash")).hasText("The priority is set.");
    assertThat(page.locator("#priority")).containsText("4 (asked for 1");
    page.locator("input[name=priority]").fill("9");
    page.locator("input[name=priority]").evaluate("input => input.removeAttribute('max')");
    page.getByText("Set the priority").click();
    assertThat(page.locator("#flash")).containsText("priority must be from 0 to 5");

    page.navigate("/console/requests/" + cancelled);
    page.getByText("Cancel the request").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#flash")).containsText("The request is cancelled");
    assertThat(page.locator("#status .chip")).hasText("cancelled");
    assertThat(page.locator("#answer")).containsText("cancelled");
    assertThat(queue.status(cancelled)).isEqualTo("cancelled");
    Browser.assertAccessible(page);
  }

  @Test
  void runsAFailedRequestAgain() {
    UUID failed = enqueue(1);
    jdbc.sql(
            "update incoming_requests set status = 'failed', reason_code = 'x' where request_id = :id")
        .param("id", failed)
        .update();
    signIn();

    page.navigate("/console/requests/" + failed);
    page.locator("#retry").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#flash")).containsText("back in the queue");
    assertThat(page.locator("#status .chip")).hasText("queued");
    assertThat(queue.status(failed)).isEqualTo("queued");
  }

  @Test
  void anUnknownRequestIsNotFound() {
    signIn();

    assertThat(page.navigate("/console/requests/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  private UUID enqueue(int priority) {
    UUID id = queue.enqueue("incidents", QueryType.SEARCH, "{\"size\": 3}", priority);
    jdbc.sql("update incoming_requests set user_id = :user where request_id = :id")
        .param("user", userId)
        .param("id", id)
        .update();
    return id;
  }
}
