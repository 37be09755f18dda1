package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator's Prometheus sees after real round trips: every domain metric, counting what
 * happened; and every series and label the dashboards and alert rules in {@code
 * deploy/observability} use is in a real scrape of the two sides.
 */
class ObservabilityIntegrationTests {

  private static final String SCRAPE_TOKEN = "observability-scrape-token-for-the-e2e-tests";
  private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");

  @TempDir static Path root;

  private static TwoSides airlock;
  private static Scrape requestSide;
  private static Scrape responseSide;

  /**
   * Two distinct counts, the first again once answered (from the cache), and one refused by the
   * query firewall.
   */
  @BeforeAll
  static void roundTrips() throws Exception {
    List<String> scraping = List.of("--airlock.metrics.scrape.token=" + SCRAPE_TOKEN);
    airlock = TwoSides.start(root, new TwoSides.Settings(scraping, scraping));
    Analyst analyst = Analyst.signedIn(airlock, "observed", "standard");
    String first = count("critical");
    assertThat(analyst.awaitFinished(analyst.submit(first)).path("status").asString())
        .isEqualTo("completed");
    assertThat(analyst.awaitFinished(analyst.submit(count("low"))).path("status").asString())
        .isEqualTo("completed");
    assertThat(analyst.awaitFinished(analyst.submit(first)).path("status").asString())
        .isEqualTo("completed");
    assertThat(
            analyst
                .call(
                    "POST",
                    "/requests",
                    """
                    {"index":"assets","query_type":"count",
                     "query_params":{"query":{"script":{"script":"1"}}}}""")
                .statusCode())
        .isEqualTo(400);
    // Gauges read from the database are at most 5 s old.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              requestSide = scrape("request");
              responseSide = scrape("response");
              assertThat(requestSide.sum("airlock_requests", "status", "completed")).isEqualTo(3);
              assertThat(responseSide.sum("airlock_queue_depth")).isZero();
            });
  }

  @AfterAll
  static void stop() {
    if (airlock != null) {
      airlock.close();
    }
  }

  private static String count(String criticality) {
    return """
        {"index":"assets","query_type":"count","priority":2,
         "query_params":{"query":{"term":{"criticality":"%s"}}}}"""
        .formatted(criticality);
  }

  private static Scrape scrape(String side) throws Exception {
    HttpResponse<String> scrape = airlock.scrape(side, "Bearer " + SCRAPE_TOKEN);
    assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
    return Scrape.parse(scrape.body());
  }

  @Test
  void everyDomainMetricIsInTheScrapeOfItsSide() {
    List<String> bothSides =
        List.of(
            "airlock_transfer_batches_total",
            "airlock_transfer_records_total",
            "airlock_transfer_batch_records_count",
            "airlock_transfer_batch_size_bytes_count",
            "airlock_transfer_duration_seconds_bucket",
            "airlock_transfer_gaps_open",
            "airlock_transfer_unacknowledged_oldest_age_seconds",
            "airlock_transfer_peer_silence_seconds",
            "airlock_transfer_quarantined_total",
            "airlock_health");
    Map<Scrape, List<String>> expected =
        Map.of(
            requestSide,
            List.of(
                "airlock_submissions_total",
                "airlock_requests",
                "airlock_roundtrip_seconds_bucket",
                "airlock_stage_seconds_bucket",
                "airlock_quota_events_total",
                "airlock_signins_total",
                "airlock_sse_subscribers"),
            responseSide,
            List.of(
                "airlock_queue_depth",
                "airlock_queue_oldest_age_seconds",
                "airlock_executions_total",
                "airlock_execution_seconds_bucket",
                "airlock_engine_calls_seconds_bucket",
                "airlock_cache_hits_total",
                "airlock_cache_misses_total",
                "airlock_cache_evictions_total",
                "airlock_cache_entries",
                "airlock_cache_bytes",
                "airlock_workers",
                "airlock_workers_busy"));
    expected.forEach(
        (side, names) -> {
          for (String name : names) {
            assertThat(side.named(name)).as(name).isNotEmpty();
          }
          for (String name : bothSides) {
            assertThat(side.named(name)).as(name).isNotEmpty();
          }
        });
    // Two distinct answers are cached: one row each.
    assertThat(responseSide.sum("airlock_cache_entries")).isEqualTo(2);
    assertThat(responseSide.sum("airlock_cache_bytes")).isPositive();
  }

  @Test
  void theRequestSideCountsSubmissionsAndTheRoundTripOfEachAnswer() {
    assertThat(requestSide.sum("airlock_submissions_total", "outcome", "accepted")).isEqualTo(3);
    assertThat(requestSide.sum("airlock_submissions_total", "outcome", "invalid")).isEqualTo(1);
    assertThat(requestSide.sum("airlock_roundtrip_seconds_count")).isEqualTo(3);
    assertThat(requestSide.sum("airlock_roundtrip_seconds_bucket", "le", "+Inf")).isEqualTo(3);
    // The service levels are buckets of their own.
    assertThat(requestSide.sum("airlock_roundtrip_seconds_bucket", "le", "120.0")).isEqualTo(3);
    assertThat(requestSide.named("airlock_stage_seconds_count"))
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(stage -> assertThat(stage.value()).as(stage.toString()).isEqualTo(3));
    assertThat(requestSide.sum("airlock_signins_total", "outcome", "success", "via", "api"))
        .isEqualTo(1);
    assertThat(requestSide.sum("airlock_sse_subscribers")).isZero();
    assertThat(
            requestSide.sum(
                "airlock_transfer_records_total",
                "channel",
                "requests",
                "direction",
                "sent",
                "outcome",
                "published"))
        .isEqualTo(3);
    assertThat(
            requestSide.sum(
                "airlock_transfer_records_total",
                "channel",
                "results",
                "direction",
                "received",
                "outcome",
                "applied"))
        .isEqualTo(3);
  }

  @Test
  void theResponseSideCountsExecutionsEngineCallsAndTheCache() {
    assertThat(
            responseSide.sum(
                "airlock_transfer_records_total",
                "channel",
                "requests",
                "direction",
                "received",
                "outcome",
                "applied"))
        .isEqualTo(3);
    assertThat(responseSide.sum("airlock_executions_total", "outcome", "completed")).isEqualTo(3);
    assertThat(responseSide.sum("airlock_engine_calls_seconds_count", "outcome", "success"))
        .isEqualTo(2);
    assertThat(responseSide.sum("airlock_cache_hits_total")).isEqualTo(1);
    assertThat(responseSide.sum("airlock_cache_misses_total")).isEqualTo(2);
    assertThat(responseSide.sum("airlock_execution_seconds_count")).isEqualTo(3);
    assertThat(responseSide.sum("airlock_workers")).isPositive();
    assertThat(
            responseSide.sum(
                "airlock_transfer_records_total",
                "channel",
                "results",
                "direction",
                "sent",
                "outcome",
                "published"))
        .isEqualTo(3);
    assertThat(responseSide.sum("airlock_health", "group", "readiness")).isEqualTo(1);
  }

  @Test
  void bothSidesPublishTheirPlatformsMetricsToo() {
    for (Scrape side : List.of(requestSide, responseSide)) {
      assertThat(side.named("jvm_memory_used_bytes")).isNotEmpty();
      assertThat(side.named("process_cpu_usage")).isNotEmpty();
      assertThat(side.named("hikaricp_connections_active")).isNotEmpty();
      assertThat(side.named("tomcat_threads_busy_threads")).isNotEmpty();
      assertThat(side.named("disk_free_bytes")).isNotEmpty();
      assertThat(side.named("http_server_requests_seconds_bucket")).isNotEmpty();
    }
    assertThat(responseSide.named("airlock_engine_calls_seconds_bucket")).isNotEmpty();
  }

  @Test
  void bothSidesWatchTheirLinks() {
    for (Scrape side : List.of(requestSide, responseSide)) {
      assertThat(side.sum("airlock_transfer_gaps_open")).isZero();
      assertThat(side.named("airlock_transfer_peer_silence_seconds"))
          .anySatisfy(silence -> assertThat(silence.value()).isBetween(0.0, 600.0));
      assertThat(side.named("airlock_transfer_duration_seconds_count")).isNotEmpty();
    }
  }

  @Test
  void everySeriesAndLabelTheDashboardsAndAlertsUseIsInARealScrape() throws IOException {
    Scrape both = requestSide.and(responseSide);
    List<String> expressions = new ArrayList<>();
    try (Stream<Path> dashboards = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
      for (Path dashboard : dashboards.toList()) {
        JsonNode panels = JsonMapper.shared().readTree(dashboard.toFile()).path("panels");
        assertThat(panels.size()).as(dashboard.toString()).isPositive();
        for (JsonNode panel : panels) {
          for (JsonNode target : panel.path("targets")) {
            expressions.add(target.path("expr").asString());
            legendLabels(target.path("legendFormat").asString())
                .forEach(label -> expressions.add("by (" + label + ") " + target.path("expr")));
          }
        }
      }
    }
    List<String> alerts = new ArrayList<>();
    try (InputStream rules = Files.newInputStream(OBSERVABILITY.resolve("prometheus/alerts.yml"))) {
      Map<String, List<Map<String, Object>>> loaded = new Yaml().load(rules);
      for (Object group : loaded.get("groups")) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groupRules =
            (List<Map<String, Object>>) ((Map<String, Object>) group).get("rules");
        for (Map<String, Object> rule : groupRules) {
          alerts.add((String) rule.get("alert"));
          expressions.add((String) rule.get("expr"));
          assertThat(String.valueOf(rule.get("annotations")))
              .as(rule.get("alert") + " has a runbook")
              .contains("docs/operations.md#");
        }
      }
    }
    assertThat(alerts)
        .contains(
            "AirlockPeerSilent",
            "AirlockGapOpen",
            "AirlockBatchUnacknowledged",
            "AirlockQuarantinesIncreasing",
            "AirlockQueueBacklog",
            "AirlockEngineErrors",
            "AirlockCacheHitRatioCollapsing",
            "AirlockNotReady",
            "AirlockDiskFilling");
    String runbooks = Files.readString(Path.of("..", "docs", "operations.md"));
    for (String anchor : runbookAnchors()) {
      assertThat(runbooks)
          .as("runbook " + anchor)
          .containsIgnoringCase("### " + anchor.replace('-', ' '));
    }
    for (String expression : expressions) {
      PromQl.check(expression, both);
    }
  }

  private static Set<String> legendLabels(String legend) {
    Set<String> labels = new HashSet<>();
    Matcher matcher = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}").matcher(legend);
    while (matcher.find()) {
      labels.add(matcher.group(1));
    }
    return labels;
  }

  private static Set<String> runbookAnchors() throws IOException {
    Set<String> anchors = new HashSet<>();
    Matcher matcher =
        Pattern.compile("docs/operations\\.md#([a-z-]+)")
            .matcher(Files.readString(OBSERVABILITY.resolve("prometheus/alerts.yml")));
    while (matcher.find()) {
      anchors.add(matcher.group(1));
    }
    assertThat(anchors).hasSize(9);
    return anchors;
  }
}
