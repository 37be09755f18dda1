package io.airlock.requestside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.console.ConsoleAutoConfiguration;
import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.requests.RequestFixture;
import io.airlock.requestside.requests.RequestStatus;
import io.airlock.requestside.requests.SignedInRequester;
import io.airlock.requestside.users.UserFixture;
import io.airlock.transfer.Channel;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.ResultRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request side's own meters, read from the registry after real calls: each meter by its tags,
 * as an exact change over what the test did.
 */
@RequestSideIntegrationTest
class RequestSideMetricsIntegrationTests extends SignedInRequester {

  private static final String MATCH_ALL = "{\"query\":{\"match_all\":{}}}";

  @Autowired MeterRegistry registry;
  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;

  @Test
  void registersEveryMeterBeforeItIsNeeded() {
    assertThat(counts("airlock.submissions", "outcome"))
        .containsOnlyKeys("accepted", "invalid", "quota", "rate_limit");
    assertThat(counts("airlock.quota.events", "event"))
        .containsOnlyKeys("warning", "grace", "refused");
    assertThat(counts("airlock.signins", "outcome", "via"))
        .containsOnlyKeys("success api", "failure api", "success console", "failure console");
    assertThat(counts("airlock.roundtrip", "outcome"))
        .containsOnlyKeys("completed", "failed", "expired");
    assertThat(counts("airlock.stage", "stage"))
        .containsOnlyKeys(
            "export", "transfer", "queue_and_execution", "result_export", "result_transfer");
    assertThat(registry.find("airlock.requests").gauges())
        .map(gauge -> gauge.getId().getTag("status"))
        .containsExactlyInAnyOrder(
            Arrays.stream(RequestStatus.values())
                .map(RequestStatus::wireName)
                .toArray(String[]::new));
    assertThat(registry.find("airlock.sse.subscribers").gauge()).isNotNull();
  }

  @Test
  void countsAcceptedSubmissionsAndThoseRefusedAsInvalid() {
    Map<String, Long> before = counts("airlock.submissions", "outcome");

    for (int i = 0; i < 3; i++) {
      requests.submit(token);
    }
    // The query firewall, the profile type (priority above its maximum), JSON that does not parse
    // and a body without its priority.
    requests
        .post(
            token,
            RequestFixture.search(
                "logs",
                "{\"query\":{\"terms\":{\"severity\":{\"index\":\"secret\",\"id\":\"1\","
                    + "\"path\":\"owner\"}}}}",
                1))
        .expectStatus()
        .isBadRequest();
    requests
        .post(token, RequestFixture.search("logs", MATCH_ALL, RequestFixture.MAX_PRIORITY + 1))
        .expectStatus()
        .isEqualTo(422);
    postRaw("{\"index\":").expectStatus().isBadRequest();
    postRaw("{\"index\":\"logs\",\"query_type\":\"search\",\"query_params\":{}}")
        .expectStatus()
        .isBadRequest();

    assertThat(since(before, "airlock.submissions", "outcome"))
        .isEqualTo(Map.of("accepted", 3L, "invalid", 4L, "quota", 0L, "rate_limit", 0L));
  }

  @Test
  void countsTheQuotasWarningsGraceAndRefusalAndTheRefusedSubmission() {
    Map<String, Long> submissions = counts("airlock.submissions", "outcome");
    Map<String, Long> events = counts("airlock.quota.events", "event");
    // Every window alike, so that a window resetting during the test changes nothing.
    directoryChanges.apply(
        () ->
            jdbc.sql(
                    """
                    update users set per_minute = 10, per_hour = 10, per_day = 10,
                        version = version + 1
                    where id = :id""")
                .param("id", user.id())
                .update());

    // Warned from the 8th (80%), in the grace (to 110%) with the 11th, refused at the 12th.
    for (int i = 0; i < 11; i++) {
      requests.submit(token);
    }
    requests.post(token, RequestFixture.search("logs", MATCH_ALL, 1)).expectStatus().isEqualTo(429);

    assertThat(since(events, "airlock.quota.events", "event"))
        .isEqualTo(Map.of("warning", 4L, "grace", 1L, "refused", 1L));
    assertThat(since(submissions, "airlock.submissions", "outcome"))
        .isEqualTo(Map.of("accepted", 11L, "invalid", 0L, "quota", 1L, "rate_limit", 0L));
  }

  @Test
  void countsSignInsByOutcomeAndWayIn() {
    Map<String, Long> before = counts("airlock.signins", "outcome", "via");

    users.accessToken(user);
    users.accessToken(user);
    client
        .post()
        .uri("/auth/login")
        .body(Map.of("username", user.username(), "password", "not the password"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(signInToTheConsole(UserFixture.PASSWORD)).hasPath("/console").hasNoQuery();
    assertThat(signInToTheConsole("not the password")).hasPath("/console/login").hasQuery("error");
    assertThat(signInToTheConsole("not the password either")).hasQuery("error");

    assertThat(since(before, "airlock.signins", "outcome", "via"))
        .isEqualTo(
            Map.of(
                "success api",
                2L,
                "failure api",
                1L,
                "success console",
                1L,
                "failure console",
                2L));
  }

  @Test
  void gaugesTheRequestsInEachStatus() {
    UUID completed = requests.submit(token);
    UUID failed = requests.submit(token);
    requests.submit(token);
    requests.responded(completed, "{}", "0d".repeat(32));
    requests.status(failed, RequestStatus.FAILED.wireName());

    Map<String, Long> stored = new TreeMap<>();
    for (RequestStatus status : RequestStatus.values()) {
      stored.put(
          status.wireName(),
          jdbc.sql("select count(*) from requests where status = :status")
              .param("status", status.wireName())
              .query(Long.class)
              .single());
    }
    assertThat(stored.get("pending")).isPositive();
    assertThat(stored.get("completed")).isPositive();
    assertThat(stored.get("failed")).isPositive();
    // The gauges read the database at most every five seconds.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(gauges("airlock.requests", "status")).isEqualTo(stored));
  }

  @Test
  void gaugesTheOpenEventStreams() throws Exception {
    UUID id = requests.submit(token);
    double before = registry.get("airlock.sse.subscribers").gauge().value();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<Stream<String>> stream =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/requests/" + id + "/events"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> events = stream.body()) {
      assertThat(events.iterator().next()).isEqualTo("event:status");
      assertThat(registry.get("airlock.sse.subscribers").gauge().value()).isEqualTo(before + 1);

      // The stream ends with its request.
      requests.status(id, RequestStatus.CANCELLED.wireName());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(registry.get("airlock.sse.subscribers").gauge().value())
                      .isEqualTo(before));
    }
  }

  @Test
  void timesTheRoundTripAndEachHopOfARequestsFirstAnswer() throws IOException {
    Map<String, Long> roundTrips = counts("airlock.roundtrip", "outcome");
    Map<String, Long> stages = counts("airlock.stage", "stage");
    UUID completed = exportedRequest();
    UUID failed = exportedRequest();
    UUID expired = exportedRequest();
    UUID cancelled = exportedRequest();
    requests.status(cancelled, RequestStatus.CANCELLING.wireName());
    Instant received = Instant.now().minusSeconds(40);
    Instant executed = received.plusSeconds(10);
    TestPeer peer = new TestPeer(folders.inbox(), "response");

    peer.publish(
        Channel.RESULTS,
        result(completed, received, executed),
        failure(failed, FailureRecord.Outcome.FAILED, received),
        failure(expired, FailureRecord.Outcome.EXPIRED, received),
        failure(cancelled, FailureRecord.Outcome.CANCELLED, received));
    importer.importNow();

    assertThat(since(roundTrips, "airlock.roundtrip", "outcome"))
        .isEqualTo(Map.of("completed", 1L, "failed", 1L, "expired", 1L));
    // A failure is not executed: its hops from executed on are left out.
    Map<String, Long> hops =
        Map.of(
            "export", 3L,
            "transfer", 3L,
            "queue_and_execution", 1L,
            "result_export", 1L,
            "result_transfer", 3L);
    assertThat(since(stages, "airlock.stage", "stage")).isEqualTo(hops);

    // An operator ran the failed request again: its new answer is not timed a second time.
    peer.publish(Channel.RESULTS, result(failed, received, executed));
    importer.importNow();

    requests
        .get(token, "/requests/{id}/status", failed)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("completed");
    assertThat(since(roundTrips, "airlock.roundtrip", "outcome"))
        .isEqualTo(Map.of("completed", 1L, "failed", 1L, "expired", 1L));
    assertThat(since(stages, "airlock.stage", "stage")).isEqualTo(hops);
  }

  /**
   * A request submitted a minute ago and exported ten seconds later: the test peer stamps its
   * batches to the second, so the stages before it must lie further back.
   */
  private UUID exportedRequest() {
    UUID id = requests.submit(token);
    jdbc.sql(
            """
            update requests set status = 'exported', submitted_at = now() - interval '60 seconds',
                exported_at = now() - interval '50 seconds'
            where id = :id""")
        .param("id", id)
        .update();
    return id;
  }

  private static ResultRecord result(UUID id, Instant received, Instant executed) {
    return new ResultRecord(
        id.toString(),
        "trace-" + id,
        JsonMapper.shared().readTree("{\"hits\":{\"hits\":[]}}"),
        3,
        false,
        "0e".repeat(32),
        received,
        executed);
  }

  private static FailureRecord failure(UUID id, FailureRecord.Outcome outcome, Instant received) {
    return new FailureRecord(
        id.toString(), "trace-" + id, outcome, "engine_error", null, received, Instant.now());
  }

  private RestTestClient.ResponseSpec postRaw(String json) {
    return client
        .post()
        .uri("/requests")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .exchange();
  }

  /** Signs the test's user in with the console's form; where it sends the browser next. */
  private URI signInToTheConsole(String password) {
    EntityExchangeResult<String> page =
        client
            .get()
            .uri("/console/login")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult();
    String session =
        page.getResponseHeaders().get(HttpHeaders.SET_COOKIE).stream()
            .filter(cookie -> cookie.startsWith(ConsoleAutoConfiguration.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow()
            .split(";", 2)[0];
    Matcher csrf =
        Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.getResponseBody());
    assertThat(csrf.find()).isTrue();
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user.username());
    form.add("password", password);
    form.add("_csrf", csrf.group(1));
    return client
        .post()
        .uri("/console/login")
        .header(HttpHeaders.COOKIE, session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(form)
        .exchange()
        .expectStatus()
        .isFound()
        .returnResult()
        .getResponseHeaders()
        .getLocation();
  }

  /** The count of each meter of that name (a counter's or a timer's), by the values of its tags. */
  private Map<String, Long> counts(String name, String... tags) {
    Map<String, Long> counts = new TreeMap<>();
    for (Meter meter : registry.find(name).meters()) {
      long count = meter instanceof Timer timer ? timer.count() : (long) ((Counter) meter).count();
      counts.put(key(meter, tags), count);
    }
    return counts;
  }

  /** How much each count of {@link #counts} grew since {@code before}. */
  private Map<String, Long> since(Map<String, Long> before, String name, String... tags) {
    Map<String, Long> grown = counts(name, tags);
    grown.replaceAll((key, count) -> count - before.getOrDefault(key, 0L));
    return grown;
  }

  private Map<String, Long> gauges(String name, String tag) {
    return registry.find(name).gauges().stream()
        .collect(
            Collectors.toMap(
                gauge -> key(gauge, tag),
                gauge -> (long) gauge.value(),
                (a, b) -> a,
                TreeMap::new));
  }

  private static String key(Meter meter, String... tags) {
    return Arrays.stream(tags).map(meter.getId()::getTag).collect(Collectors.joining(" "));
  }
}
