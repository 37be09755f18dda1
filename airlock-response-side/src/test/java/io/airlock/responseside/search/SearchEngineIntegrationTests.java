package io.airlock.responseside.search;

import static io.airlock.responseside.search.SearchFixture.TIMEOUT;
import static io.airlock.responseside.search.SearchFixture.direct;
import static io.airlock.responseside.search.SearchFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import io.airlock.responseside.search.SearchOutcome.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Against the real embedded OpenSearch node with its sample data. */
class SearchEngineIntegrationTests {

  private final SearchEngine engine = SearchFixture.engine(SearchFixture.sharedNode());

  @Test
  void searchAnswersWhatTheNodeAnswersToTheSameBody() throws Exception {
    String body =
        """
        {"query":{"term":{"severity":"critical"}},"size":5,
         "sort":[{"reported_at":"asc"},{"id":"asc"}],"aggs":{"sites":{"terms":{"field":"site"}}}}""";

    SearchOutcome outcome = engine.search("incidents", json(body), TIMEOUT);

    assertThat(outcome).isInstanceOf(Answered.class);
    ObjectNode answer = (ObjectNode) ((Answered) outcome).body().deepCopy();
    ObjectNode expected = (ObjectNode) direct("/incidents/_search", body);
    // The engine's own timing differs from call to call; everything else must not.
    answer.remove("took");
    expected.remove("took");
    assertThat(answer).isEqualTo(expected);
    assertThat(answer.path("hits").path("hits").size()).isEqualTo(5);
    assertThat(((Answered) outcome).tookMs()).isNotNegative();
  }

  @Test
  void countAnswersWhatTheNodeAnswersToTheSameBody() throws Exception {
    String body = "{\"query\":{\"term\":{\"severity\":\"high\"}}}";

    SearchOutcome outcome = engine.count("incidents", json(body), TIMEOUT);

    assertThat(outcome).isInstanceOf(Answered.class);
    assertThat(((Answered) outcome).body()).isEqualTo(direct("/incidents/_count", body));
    assertThat(((Answered) outcome).body().path("count").asLong()).isBetween(1L, 2999L);
  }

  @Test
  void countsEveryDocumentOfAnIndexForAnEmptyBody() {
    SearchOutcome outcome = engine.count("assets", json("{}"), TIMEOUT);

    assertThat(((Answered) outcome).body().path("count").asLong()).isEqualTo(1500);
  }

  @Test
  void failsAtOnceAndForGoodOnAnUnknownIndexWithTheEnginesReason() {
    SearchOutcome outcome = engine.search("no-such-index", json("{}"), TIMEOUT);

    assertThat(outcome).isInstanceOf(Failed.class);
    Failed failed = (Failed) outcome;
    assertThat(failed.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failed.status()).isEqualTo(404);
    assertThat(failed.reason()).startsWith("index_not_found_exception: ").contains("no-such-index");
  }

  @Test
  void encodesTheIndexNameInThePath() {
    SearchOutcome outcome = engine.count("incidents/../assets", json("{}"), TIMEOUT);

    // Encoded, the slashes stay part of one (invalid) index name instead of changing the path.
    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).kind()).isEqualTo(Kind.PERMANENT);
    assertThat(((Failed) outcome).reason()).contains("incidents/../assets");
  }

  @Test
  void failsAtOnceAndForGoodOnAMalformedQuery() {
    SearchOutcome outcome =
        engine.search("incidents", json("{\"query\":{\"no_such_query\":{}}}"), TIMEOUT);

    assertThat(outcome).isInstanceOf(Failed.class);
    Failed failed = (Failed) outcome;
    assertThat(failed.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.reason()).contains("no_such_query");
  }

  @Test
  void tellsTheDistributionVersionAndClusterStatus() {
    ClusterInfo info = engine.clusterInfo();

    assertThat(info).isInstanceOf(ClusterInfo.Known.class);
    ClusterInfo.Known known = (ClusterInfo.Known) info;
    assertThat(known.distribution()).isEqualTo("opensearch");
    assertThat(known.version()).isEqualTo("2.19.1");
    assertThat(known.clusterName()).isNotEmpty();
    assertThat(known.status()).isIn("green", "yellow");
  }
}
