package io.airlock.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.airlock.console.testing.Browser;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.OutgoingBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo as a user starts it: everything up, and batches crossing the shuttle both ways. */
class StandaloneIntegrationTests {

  @TempDir static Path dataDir;

  private static Standalone standalone;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    StandaloneSettings settings =
        StandaloneApplication.settings(
            new String[] {
              "--airlock.standalone.data-dir=" + dataDir,
              "--airlock.standalone.request-port=0",
              "--airlock.standalone.response-port=0",
              "--airlock.standalone.search-port=0",
              "--airlock.standalone.shuttle.interval=20ms"
            });
    standalone = Standalone.start(settings);
  }

  @AfterAll
  static void stop() {
    if (standalone != null) {
      standalone.close();
    }
  }

  @Test
  void bothSidesAreReadyWithSignaturesOnAndEachTrustsTheOther() throws Exception {
    for (String side : List.of(standalone.requestSideUrl(), standalone.responseSideUrl())) {
      HttpResponse<String> readiness = get(side + "/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }
    String requestKey = keyId(standalone.requestSide());
    String responseKey = keyId(standalone.responseSide());
    // Each side shows health details to its admins only.
    assertThat(asDemoAdmin(standalone.responseSideUrl() + "/health/detailed").body())
        .contains("\"signatures\":\"on\"")
        .contains("\"trustedKeys\":[\"" + requestKey + "\"]");
    assertThat(get(standalone.responseSideUrl() + "/actuator/health").body())
        .doesNotContain("signatures");
    // The request side's indicator tells the same.
    Map<String, Object> requestSide =
        standalone
            .requestSide()
            .getBean("transferFoldersHealthIndicator", HealthIndicator.class)
            .health()
            .getDetails();
    assertThat(requestSide).containsEntry("signatures", "on");
    assertThat(requestSide.get("trustedKeys"))
        .asInstanceOf(InstanceOfAssertFactories.ITERABLE)
        .containsExactly(responseKey);
  }

  @Test
  void theSearchNodeServesTheSampleData() throws Exception {
    HttpResponse<String> count = get(standalone.searchUrl() + "/incidents/_count");

    assertThat(count.statusCode()).isEqualTo(200);
    assertThat(count.body()).contains("\"count\":3000");
  }

  @Test
  void eachSideServesItsApiDocumentation() throws Exception {
    assertThat(get(standalone.requestSideUrl() + "/docs/openapi.json").body())
        .contains("\"openapi\"");
    assertThat(get(standalone.responseSideUrl() + "/docs/openapi.json").body())
        .contains("\"openapi\"");
  }

  @Test
  void batchesCrossTheShuttleBothWaysAndVerifyOnTheOtherSide() throws Exception {
    assertCrosses(standalone.requestSide(), standalone.responseSide(), "request");
    assertCrosses(standalone.responseSide(), standalone.requestSide(), "response");
  }

  @Test
  void printsWhereEverythingIs() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    StandaloneApplication.printWelcome(
        standalone, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(standalone.requestSideUrl() + "/docs")
        .contains(standalone.responseSideUrl() + "/health")
        .contains(standalone.requestSideUrl() + "/metrics")
        .contains(Standalone.DEMO_SCRAPE_TOKEN)
        .contains(standalone.searchUrl())
        .contains(dataDir.resolve("request").toString())
        .contains("faults: none")
        .contains("admin / airlock-demo-admin")
        .contains(standalone.requestSideUrl() + "/console")
        .contains(standalone.responseSideUrl() + "/console")
        .contains("demo / airlock-demo");
  }

  @Test
  void theDemoAdminCanUseTheResponseSidesAdminApi() throws Exception {
    HttpResponse<String> users = asDemoAdmin(standalone.responseSideUrl() + "/admin/users");

    assertThat(users.statusCode()).isEqualTo(200);
    assertThat(users.body()).contains("\"username\":\"admin\"");
  }

  /**
   * The console across the gap, in a browser: the demo user (created on the response side) signs in
   * on the request side, asks a question, and watches the answer arrive from the search node while
   * the page stays open. Then, as the demo admin they are, finds the batches that carried it.
   */
  @Test
  void theDemoUserAsksInTheConsoleAndTheAnswerArrivesLive() {
    try (Browser browser = Browser.launch()) {
      Page page = browser.page(standalone.requestSideUrl());
      // The demo user exists here once the response side's first directory export has crossed.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> signIn(page, "demo", "airlock-demo"));

      page.navigate("/console/ask");
      page.locator("select[name=index]").selectOption("incidents");
      page.locator("#query_params").fill("{\"query\": {\"match_all\": {}}, \"size\": 3}");
      page.locator("main button[type=submit]").click();

      PlaywrightAssertions.assertThat(page.locator("#status .chip"))
          .hasText("completed", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
      PlaywrightAssertions.assertThat(page.locator("#hits tbody tr")).hasCount(3);
      Browser.assertAccessible(page);

      page.navigate("/console/admin/batches?tab=import&channel=results");
      PlaywrightAssertions.assertThat(page.locator("#batches tbody tr").first()).isVisible();
      page.locator("#batches tbody tr button").first().click();
      PlaywrightAssertions.assertThat(page.locator("#drawer #outcome")).hasText("applied");
    }
  }

  /**
   * Both consoles across the gap: an operator creates a user on the response side; the user signs
   * in on the request side, asks, and watches the answer arrive; the operator finds the query on
   * the dashboard and in the cache, removes it, and the user's next identical question misses.
   */
  @Test
  void anOperatorCreatesAUserWhoAsksAndTheOperatorRemovesTheAnswerFromTheCache() {
    String username = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    String question =
        "{\"query\": {\"match\": {\"site\": \"" + UUID.randomUUID() + "\"}}, \"size\": 1}";
    try (Browser browser = Browser.launch()) {
      Page operator = browser.page(standalone.responseSideUrl());
      signIn(operator, "admin", "airlock-demo-admin");
      operator.navigate("/console/directory");
      operator.locator("#create input[name=username]").fill(username);
      operator.locator("#create input[name=password]").fill("a long enough password");
      operator.locator("#create button").click();
      PlaywrightAssertions.assertThat(operator.locator("#flash")).containsText("created");

      Page user = browser.page(standalone.requestSideUrl());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> signIn(user, username, "a long enough password"));
      String first = ask(user, question);
      PlaywrightAssertions.assertThat(user.locator("main")).not().containsText("from the cache");

      operator.navigate("/console");
      PlaywrightAssertions.assertThat(operator.locator("#latest tr[data-request='" + first + "']"))
          .isVisible();
      operator.navigate("/console/requests/" + first);
      String key = operator.locator("#cache-key code").textContent().strip();
      operator.locator("#cache-key").click();
      operator.waitForURL(Pattern.compile(".*/console/cache\\?index=incidents$"));
      operator.locator("tr[data-key='" + key + "'] button").click();
      operator.locator("#confirm button[value=ok]").click();
      PlaywrightAssertions.assertThat(operator.locator("#flash")).containsText("is removed");

      String second = ask(user, question);
      PlaywrightAssertions.assertThat(user.locator("main")).not().containsText("from the cache");
      operator.navigate("/console/requests/" + second);
      PlaywrightAssertions.assertThat(operator.locator("#answer")).containsText("miss");
    }
  }

  private static void signIn(Page page, String username, String password) {
    page.navigate("/console/login");
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("main button[type=submit]").click();
    page.waitForLoadState();
    assertThat(page.url()).doesNotContain("/console/login");
  }

  /** Asks on the request side's console and waits for the answer; the request's id. */
  private static String ask(Page user, String query) {
    user.navigate("/console/ask");
    user.locator("select[name=index]").selectOption("incidents");
    user.locator("#query_params").fill(query);
    user.locator("main button[type=submit]").click();
    PlaywrightAssertions.assertThat(user.locator("#status .chip"))
        .hasText("completed", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
    return user.url().substring(user.url().lastIndexOf('/') + 1);
  }

  private void assertCrosses(
      ConfigurableApplicationContext from, ConfigurableApplicationContext to, String sender)
      throws Exception {
    EncodedBatch batch =
        from.getBean(BatchWriter.class)
            .publish(
                new OutgoingBatch(
                    Channel.CONTROL,
                    1,
                    UUID.randomUUID(),
                    new SenderEpoch(sender, "test-" + UUID.randomUUID()),
                    Instant.now(),
                    List.of(),
                    Compression.NONE,
                    List.of(),
                    Map.of(Channel.REQUESTS, 0L),
                    null));
    // The receiving side imports it as soon as it arrives: verified with the sender's key (a
    // batch failing verification is recorded REJECTED) and applied.
    JdbcClient ledger = to.getBean(JdbcClient.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        ledger
                            .sql("select outcome from inbound_batches where batch_id = :id")
                            .param("id", batch.manifest().batchId())
                            .query(String.class)
                            .list())
                    .containsExactly("APPLIED"));
  }

  private static String keyId(ConfigurableApplicationContext side) {
    return side.getBean(BatchWriter.class).keyId().orElseThrow();
  }

  /** A call with the response side's demo admin's credentials (HTTP Basic). */
  private HttpResponse<String> asDemoAdmin(String url) throws IOException, InterruptedException {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString("admin:airlock-demo-admin".getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
