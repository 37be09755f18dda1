package io.airlock.responseside.search;

import static io.airlock.responseside.search.SearchFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import io.airlock.responseside.search.SearchOutcome.Kind;
import io.airlock.transfer.records.QueryType;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a call fails, what it waits and what it sends, against a fake engine that answers from a
 * script. Each call is one attempt whatever the answer: the queue, not the client, tries again.
 */
class SearchEngineFailureIntegrationTests {

  private static final String HITS = "{\"took\":1,\"hits\":{\"total\":{\"value\":0},\"hits\":[]}}";
  private static final String OVERLOADED =
      "{\"error\":{\"type\":\"rejected_execution_exception\",\"reason\":\"queue full\"},"
          + "\"status\":429}";

  private final FakeEngine fake = new FakeEngine();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void failsAsTransientOnUnavailableAfterOneCallAndAnswersTheNextCall() {
    fake.answering(503, "").answering(200, HITS);
    SearchEngine engine = SearchFixture.engine(fake.url());

    SearchOutcome first = engine.execute("incidents", QueryType.SEARCH, json("{}"));

    assertThat(first).isEqualTo(new Failed(Kind.TRANSIENT, 503, "HTTP 503"));
    assertThat(fake.calls()).hasSize(1);

    SearchOutcome second = engine.execute("incidents", QueryType.SEARCH, json("{}"));

    assertThat(second).isInstanceOf(Answered.class);
    assertThat(((Answered) second).body().path("took").asInt()).isEqualTo(1);
    assertThat(fake.calls()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void failsAsTransientOnAServerErrorWithoutTryingAgain(int status) {
    fake.answering(status, "{\"error\":{\"type\":\"x\",\"reason\":\"failing\"}}");

    SearchOutcome outcome =
        SearchFixture.engine(fake.url()).execute("incidents", QueryType.SEARCH, json("{}"));

    assertThat(outcome).isEqualTo(new Failed(Kind.TRANSIENT, status, "x: failing"));
    assertThat(fake.calls()).hasSize(1);
  }

  @Test
  void failsAsTransientOnTooManyRequestsWithoutTryingAgain() {
    fake.answering(429, OVERLOADED);

    SearchOutcome outcome =
        SearchFixture.engine(fake.url()).execute("incidents", QueryType.SEARCH, json("{}"));

    assertThat(outcome)
        .isEqualTo(new Failed(Kind.TRANSIENT, 429, "rejected_execution_exception: queue full"));
    assertThat(fake.calls()).hasSize(1);
  }

  @Test
  void failsForGoodOnABadRequestWithTheEnginesReason() {
    fake.answering(
        400, "{\"error\":{\"type\":\"parsing_exception\",\"reason\":\"bad\"},\"status\":400}");

    SearchOutcome outcome =
        SearchFixture.engine(fake.url()).execute("incidents", QueryType.COUNT, json("{}"));

    assertThat(outcome).isEqualTo(new Failed(Kind.PERMANENT, 400, "parsing_exception: bad"));
    assertThat(fake.calls()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 409})
  void failsForGoodOnAnyOtherClientError(int status) {
    fake.answering(status, "{\"error\":{\"type\":\"refused\",\"reason\":\"no\"}}");

    SearchOutcome outcome =
        SearchFixture.engine(fake.url()).execute("incidents", QueryType.SEARCH, json("{}"));

    assertThat(outcome).isEqualTo(new Failed(Kind.PERMANENT, status, "refused: no"));
    assertThat(fake.calls()).hasSize(1);
  }

  @Test
  void executesACountOnTheCountEndpoint() {
    fake.answering(200, "{\"count\":7}");

    SearchOutcome outcome =
        SearchFixture.engine(fake.url()).execute("assets", QueryType.COUNT, json("{}"));

    assertThat(((Answered) outcome).body().path("count").asInt()).isEqualTo(7);
    assertThat(fake.calls().get(0).path()).isEqualTo("/assets/_count");
  }

  @Test
  void executesASearchWaitingForItsOwnTimeoutAndASecondMore() {
    fake.answering(200, HITS, Duration.ofSeconds(3));
    SearchProperties settings =
        new SearchProperties(
            fake.url(),
            null,
            null,
            null,
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    SearchOutcome outcome =
        SearchFixture.engine(settings)
            .execute("incidents", QueryType.SEARCH, json("{\"timeout\":\"100ms\"}"));

    assertThat(outcome).isEqualTo(new Failed(Kind.TRANSIENT, 0, "no answer within 1100 ms"));
    assertThat(fake.calls().get(0).path()).isEqualTo("/incidents/_search");
  }

  @Test
  void executesAQueryWithoutATimeoutWithTheDefaultQueryTimeoutAndFailsAsTransientOnce() {
    fake.answering(200, HITS, Duration.ofSeconds(3)).answering(200, HITS);

    SearchOutcome outcome =
        SearchFixture.engine(fake.url(), Duration.ofMillis(150))
            .execute("incidents", QueryType.SEARCH, json("{}"));

    assertThat(outcome).isEqualTo(new Failed(Kind.TRANSIENT, 0, "no answer within 150 ms"));
    assertThat(fake.calls()).hasSize(1);
  }

  @Test
  void waitsNoLongerThanTheMaximumRequestTimeoutWhateverTheQueryAsks() {
    fake.answering(200, HITS, Duration.ofSeconds(20));
    SearchProperties settings =
        new SearchProperties(
            fake.url(),
            null,
            null,
            null,
            null,
            Duration.ofSeconds(1),
            Duration.ofMillis(200),
            Duration.ofSeconds(10));

    long started = System.nanoTime();
    SearchOutcome outcome =
        SearchFixture.engine(settings)
            .execute("incidents", QueryType.SEARCH, json("{\"timeout\":\"30s\"}"));

    // Far below the 30 s the query asks for and the 20 s the engine takes, with room for a slow
    // machine.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(outcome).isEqualTo(new Failed(Kind.TRANSIENT, 0, "no answer within 200 ms"));
  }

  @Test
  void failsAsTransientAfterOneAttemptWhenTheConnectionIsRefused() {
    SearchOutcome outcome =
        SearchFixture.engine(SearchFixture.closedPort())
            .execute("incidents", QueryType.SEARCH, json("{}"));

    assertThat(outcome).isInstanceOf(Failed.class);
    Failed failed = (Failed) outcome;
    assertThat(failed.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(failed.status()).isZero();
    assertThat(failed.reason()).startsWith("connection failed: ").doesNotContain("attempts");
  }

  @Test
  void sendsBasicCredentials() {
    fake.answering(200, HITS);
    SearchProperties settings =
        SearchFixture.settings(fake.url(), "reader", "s3cret:with colon", null, null);

    assertThat(SearchFixture.engine(settings).execute("incidents", QueryType.SEARCH, json("{}")))
        .isInstanceOf(Answered.class);

    // base64("reader:s3cret:with colon")
    assertThat(fake.calls().get(0).authorization())
        .isEqualTo("Basic cmVhZGVyOnMzY3JldDp3aXRoIGNvbG9u");
  }

  @Test
  void sendsAnApiKey() {
    fake.answering(200, HITS);
    SearchProperties settings =
        SearchFixture.settings(fake.url(), null, null, "a2V5OnNlY3JldA==", null);

    assertThat(SearchFixture.engine(settings).execute("incidents", QueryType.COUNT, json("{}")))
        .isInstanceOf(Answered.class);

    assertThat(fake.calls().get(0).authorization()).isEqualTo("ApiKey a2V5OnNlY3JldA==");
  }

  @Test
  void sendsTheParamsToTheEncodedIndexPathWithoutCredentialsWhenNoneAreConfigured() {
    fake.answering(200, "{\"count\":7}");

    SearchFixture.engine(fake.url())
        .execute("logs 2024", QueryType.COUNT, json("{\"query\":{\"match_all\":{}}}"));

    FakeEngine.Call call = fake.calls().get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/logs%202024/_count");
    assertThat(call.authorization()).isNull();
    assertThat(json(call.body())).isEqualTo(json("{\"query\":{\"match_all\":{}}}"));
  }

  @Test
  void failsEveryCallAsNotConfiguredWithoutAUrl() {
    SearchEngine engine = SearchFixture.engine((URI) null);

    assertThat(engine.configured()).isFalse();
    assertThat(engine.execute("incidents", QueryType.SEARCH, json("{}")))
        .isEqualTo(new Failed(Kind.TRANSIENT, 0, SearchEngine.NOT_CONFIGURED));
    assertThat(engine.clusterInfo())
        .isEqualTo(new ClusterInfo.Unavailable(SearchEngine.NOT_CONFIGURED));
  }
}
