package io.airlock.requestside.requests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.ColorScheme;
import io.airlock.console.testing.Browser;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The user's portal in Debian's Chromium against the real request side and PostgreSQL: sign-in and
 * sign-out, the list, a request's page with its answer, asking, cancelling, what a user may not
 * see, CSRF, the languages and the themes, and axe-core's checks of every page.
 */
@RequestSideIntegrationTest
class RequestPagesBrowserTests extends ConsoleBrowserTest {

  @Test
  void signsInListsTheirRequestsAndSignsOut() {
    UUID id = requests.submit(token);
    page = browser.page(base());

    page.navigate("/console");
    assertThat(page).hasURL(Pattern.compile("/console/login$"));
    Browser.assertAccessible(page);
    signIn(user);

    assertThat(page).hasURL(Pattern.compile("/console/requests$"));
    assertThat(page.locator("tr[data-request='" + id + "'] .chip")).hasText("pending");
    Browser.assertAccessible(page);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_logs where actor = :user and action = 'login'"
                        + " and outcome = 'success'")
                .param("user", user.username())
                .query(Long.class)
                .single())
        .as("audited as POST /auth/login is, plus the token login of the fixture")
        .isEqualTo(2);

    page.getByText("Sign out").click();
    assertThat(page).hasURL(Pattern.compile("/console/login\\?signed-out$"));
    page.navigate("/console/requests");
    assertThat(page).hasURL(Pattern.compile("/console/login$"));
  }

  @Test
  void refusesAWrongPasswordAndAuditsIt() {
    page = browser.page(base());
    page.navigate("/console/login");
    page.locator("#username").fill(user.username());
    page.locator("#password").fill("not the password");
    page.locator("main button[type=submit]").click();

    assertThat(page).hasURL(Pattern.compile("/console/login\\?error$"));
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
        .hasText("Invalid credentials.");
    assertThat(
            jdbc.sql(
                    "select detail from audit_logs where actor = :user and action = 'login'"
                        + " and outcome = 'failure'")
                .param("user", user.username())
                .query(String.class)
                .single())
        .isEqualTo("wrong password");
  }

  @Test
  void filtersTheListByStatusAndFindsARequestById() {
    UUID pending = requests.submit(token);
    UUID cancelled = requests.submit(token);
    requests.status(cancelled, "cancelled");
    page = browser.page(base());
    signIn(user);

    page.locator("select[name=status]").selectOption("cancelled");
    page.locator("form[role=search] button").click();
    assertThat(page.locator("tr[data-request]")).hasCount(1);
    assertThat(page.locator("tr[data-request='" + cancelled + "']")).isVisible();

    page.navigate("/console/requests?q=" + pending);
    assertThat(page.locator("tr[data-request]")).hasCount(1);
    assertThat(page.locator("tr[data-request='" + pending + "']")).isVisible();
  }

  @Test
  void asksAQuestionAndShowsTheNewRequest() {
    page = browser.page(base());
    signIn(user);
    page.navigate("/console/ask");
    Browser.assertAccessible(page);

    page.locator("select[name=index]").selectOption("metrics");
    page.locator("#query_params")
        .fill("{\"query\": {\"match\": {\"host\": \"db-1\"}}, \"size\": 5}");
    page.locator("main button[type=submit]").click();

    assertThat(page).hasURL(Pattern.compile("/console/requests/[0-9a-f-]{36}$"));
    UUID id = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
    assertThat(
            jdbc.sql("select index_name from requests where id = :id and owner_id = :owner")
                .param("id", id)
                .param("owner", user.id())
                .query(String.class)
                .single())
        .isEqualTo("metrics");
    assertThat(page.locator("#query")).containsText("db-1");
    Browser.assertAccessible(page);
  }

  @Test
  void checksTheQueryAsTheUserTypes() {
    page = browser.page(base());
    signIn(user);
    page.navigate("/console/ask");

    page.locator("#query_params").fill("{\"query\": {\"script\": {\"source\": \"1\"}}}");
    assertThat(page.locator("#check .error-text")).containsText("query_params.query");
    page.locator("#query_params").fill("{\"size\": 700}");
    assertThat(page.locator("#check .error-text"))
        .containsText("query_params.size must be at most 500");
    page.locator("#query_params").fill("{\n  \"size\": 5,\n  oops\n}");
    assertThat(page.locator("#check .error-text")).containsText("query_params: line 3");
    page.locator("#query_params").fill("{\"query\": {\"match_all\": {}}, \"size\": 5}");
    assertThat(page.locator("#check")).containsText("passes every check");
    assertThat(requests.requestsOf(user)).as("checking stores nothing").isZero();
    Browser.assertAccessible(page);
  }

  @Test
  void refusesAnInvalidQueryWithTheSameRulesAsTheApi() {
    page = browser.page(base());
    signIn(user);
    page.navigate("/console/ask");

    page.locator("#query_params").fill("{\"query\": {\"script\": {\"source\": \"1\"}}}");
    page.locator("main button[type=submit]").click();
    assertThat(page.locator("#problem")).containsText("query_params.query");

    page.locator("#query_params").fill("{not json");
    page.locator("main button[type=submit]").click();
    assertThat(page.locator("#problem")).containsText("query_params");
    assertThat(requests.requestsOf(user)).isZero();
  }

  @Test
  void showsTheAnswerAsATableAndCancelsAfterConfirming() throws Exception {
    UUID answered = requests.submit(token);
    requests.responded(
        answered,
        "{\"hits\": {\"total\": {\"value\": 2}, \"hits\": ["
            + "{\"_source\": {\"host\": \"db-1\", \"level\": \"error\"}},"
            + "{\"_source\": {\"host\": \"db-2\", \"code\": 7}}]}}",
        "0".repeat(64));
    UUID pending = requests.submit(token);
    page = browser.page(base());
    signIn(user);

    page.navigate("/console/requests/" + answered);
    assertThat(page.locator("#hits thead th")).hasText(new String[] {"host", "level", "code"});
    assertThat(page.locator("#hits tbody tr").nth(1)).containsText("db-2");
    assertThat(page.locator(".timeline li.done")).hasCount(6);
    Browser.assertAccessible(page);
    Download csv =
        page.waitForDownload(
            () ->
                page.locator("#downloads a", new Page.LocatorOptions().setHasText("CSV")).click());
    assertThat(csv.suggestedFilename()).isEqualTo(answered + ".csv");
    assertThat(Files.readString(csv.path())).startsWith("_id,host,level,code\r\n").contains("db-2");

    page.navigate("/console/requests/" + pending);
    page.getByText("Cancel the request").click();
    assertThat(page.locator("#confirm")).isVisible();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator(".flash")).hasText("The request is cancelled.");
    assertThat(page.locator("#status .chip")).hasText("cancelled");
    assertThat(
            jdbc.sql("select status from requests where id = :id")
                .param("id", pending)
                .query(String.class)
                .single())
        .isEqualTo("cancelled");
  }

  @Test
  void updatesTheStatusLiveAndShowsTheAnswerOnceItArrives() {
    UUID listed = requests.submit(token);
    UUID id = requests.submit(token);
    page = browser.page(base());
    signIn(user);
    assertThat(page.locator("tr[data-request='" + listed + "'] .chip")).hasText("pending");

    requests.exported(listed);
    assertThat(page.locator("tr[data-request='" + listed + "'] .chip")).hasText("exported");

    page.navigate("/console/requests/" + id);
    assertThat(page.locator("#status .chip")).hasText("pending");
    requests.exported(id);
    assertThat(page.locator("#status .chip")).hasText("exported");
    requests.responded(id, "{\"count\": 1234}", "0".repeat(64));
    assertThat(page.locator("#answer .stat .value")).hasText("1234");
    assertThat(page.locator("#status .chip")).hasText("completed");
    assertThat(page).hasURL(Pattern.compile("/console/requests/" + id + "$"));
  }

  @Test
  void showsAggregationsAsTablesAndBarCharts() {
    UUID id = requests.submit(token);
    requests.responded(
        id,
        "{\"hits\": {\"hits\": []}, \"aggregations\": {"
            + "\"by_severity\": {\"buckets\": [{\"key\": \"critical\", \"doc_count\": 3},"
            + " {\"key\": \"low\", \"doc_count\": 9}]},"
            + " \"mean_bytes\": {\"value\": 512.5}}}",
        "0".repeat(64));
    page = browser.page(base());
    signIn(user);
    page.navigate("/console/requests/" + id);

    assertThat(page.locator("[data-aggregation=by_severity] tbody tr")).hasCount(2);
    assertThat(page.locator("[data-aggregation=by_severity] tbody tr").first())
        .containsText("critical");
    assertThat(page.locator("[data-aggregation=mean_bytes] .value")).hasText("512.5");
    assertThat(page.locator("[data-aggregation=by_severity] canvas"))
        .hasAttribute("data-drawn", "yes");
    Browser.assertAccessible(page);
  }

  @Test
  void hidesAnotherUsersRequestsAndTheAdminPages() {
    User other = requests.user();
    UUID theirs = requests.submit(users.accessToken(other));
    page = browser.page(base());
    signIn(user);

    Response response = page.navigate("/console/requests/" + theirs);
    assertThat(response.status()).isEqualTo(404);
    assertThat(page.locator("main")).containsText("nothing you may see");
    Browser.assertAccessible(page);
    assertThat(page.navigate("/console/admin/users").status()).isEqualTo(404);
  }

  @Test
  void refusesAFormWithoutItsCsrfTokenAndNeverLetsTheCookieCallTheApi() {
    UUID id = requests.submit(token);
    page = browser.page(base());
    signIn(user);

    // The browser's cookie goes with these calls, but no CSRF token.
    assertThat(page.request().post(base() + "/console/requests/" + id + "/cancel").status())
        .isEqualTo(403);
    assertThat(status(id)).isEqualTo("pending");
    assertThat(page.request().get(base() + "/requests").status()).isEqualTo(401);
  }

  @Test
  void endsTheSessionOfAUserTheDirectoryDeactivates() {
    page = browser.page(base());
    signIn(user);
    assertThat(page).hasURL(Pattern.compile("/console/requests$"));

    directoryChanges.apply(() -> users.deactivate(user));

    page.navigate("/console/requests");
    assertThat(page).hasURL(Pattern.compile("/console/login$"));
  }

  @Test
  void endsTheConsoleSessionsOfAUserWhoChangesTheirPassword() {
    page = browser.page(base());
    signIn(user);

    client
        .post()
        .uri("/users/me/change-password")
        .header("Authorization", "Bearer " + token)
        .body(
            Map.of(
                "current_password",
                UserFixture.PASSWORD,
                "new_password",
                "another long enough password"))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();

    page.navigate("/console/requests");
    assertThat(page).hasURL(Pattern.compile("/console/login$"));
  }

  @Test
  void speaksPersianRightToLeftAndRemembersTheSwitch() {
    page = browser.page(base(), "fa-IR", ColorScheme.LIGHT);
    page.navigate("/console/login");

    assertThat(page.locator("html")).hasAttribute("dir", "rtl");
    assertThat(page.locator("html")).hasAttribute("lang", "fa");
    assertThat(page.locator("h1")).hasText("ورود");
    signIn(user);
    assertThat(page.locator("h1")).hasText("درخواست‌های من");
    Browser.assertAccessible(page);

    page.navigate("/console/requests?status=pending");
    page.locator("a[lang=en]").click();
    assertThat(page).hasURL(Pattern.compile("/console/requests\\?status=pending&lang=en$"));
    page.navigate("/console/ask");
    assertThat(page.locator("html")).hasAttribute("dir", "ltr");
    assertThat(page.locator("h1")).hasText("Ask a question");
  }

  @Test
  void followsTheSystemsDarkSchemeAndSwitchesTheme() {
    page = browser.page(base(), "en-US", ColorScheme.DARK);
    signIn(user);

    assertThat(background()).isEqualTo("rgb(13, 17, 23)");
    Browser.assertAccessible(page);
    page.locator("#theme-switch").click();
    assertThat(page.locator("html")).hasAttribute("data-theme", "light");
    assertThat(background()).isEqualTo("rgb(247, 248, 250)");
    page.reload();
    assertThat(background()).as("remembered").isEqualTo("rgb(247, 248, 250)");
  }

  private String background() {
    return (String) page.evaluate("getComputedStyle(document.body).backgroundColor");
  }

  private String status(UUID id) {
    return jdbc.sql("select status from requests where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }
}
