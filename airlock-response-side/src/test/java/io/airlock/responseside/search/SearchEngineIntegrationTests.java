package io.airlock.responseside.search;

import static io.airlock.responseside.search.SearchFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import io.airlock.responseside.search.SearchOutcome.Kind;
import io.airlock.transfer.records.QueryType;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Against each real engine (OpenSearch 2.19, Elasticsearch 7.17) with its sample data. */
class SearchEngineIntegrationTests {

  @OnEachEngine
  void aSearchAnswersWhatTheNodeAnswersToTheSameBody(EngineUnderTest engine) throws Exception {
    String body =
        """
        {"query":{"term":{"severity":"critical"}},"size":5,
         "sort":[{"reported_at":"asc"},{"id":"asc"}],"aggs":{"sites":{"terms":{"field":"site"}}}}""";

    SearchOutcome outcome = engine.engine().execute("incidents", QueryType.SEARCH, json(body));

    assertThat(outcome).isInstanceOf(Answered.class);
    ObjectNode answer = (ObjectNode) ((Answered) outcome).body().deepCopy();
    ObjectNode expected = (ObjectNode) engine.direct("/incidents/_search", body);
    // The engine's own timing differs from call to call; everything else must not.
    answer.remove("took");
    expected.remove("took");
    assertThat(answer).isEqualTo(expected);
    assertThat(answer.path("hits").path("hits").size()).isEqualTo(5);
    assertThat(((Answered) outcome).tookMs()).isNotNegative();
  }

  @Test
  void bothEnginesFindTheSameIncidentsInTheSameGeneratedData() {
    String body =
        """
        {"query":{"bool":{"must":{"match":{"title":"phishing"}},
         "filter":[{"term":{"site":"north-harbour"}},{"range":{"score":{"gte":7}}}]}},
         "size":20,"sort":[{"id":"asc"}],"_source":false}""";

    SearchOutcome openSearch =
        EngineUnderTest.OPENSEARCH.engine().execute("incidents", QueryType.SEARCH, json(body));
    SearchOutcome elasticsearch =
        EngineUnderTest.ELASTICSEARCH_7.engine().execute("incidents", QueryType.SEARCH, json(body));

    assertThat(ids(elasticsearch)).isNotEmpty().isEqualTo(ids(openSearch));
  }

  @OnEachEngine
  void aCountAnswersWhatTheNodeAnswersToTheSameBody(EngineUnderTest engine) throws Exception {
    String body = "{\"query\":{\"term\":{\"severity\":\"high\"}}}";

    SearchOutcome outcome = engine.engine().execute("incidents", QueryType.COUNT, json(body));

    assertThat(outcome).isInstanceOf(Answered.class);
    assertThat(((Answered) outcome).body()).isEqualTo(engine.direct("/incidents/_count", body));
    assertThat(((Answered) outcome).body().path("count").asLong()).isBetween(1L, 2999L);
  }

  @OnEachEngine
  void countsEveryDocumentOfAnIndexForAnEmptyBody(EngineUnderTest engine) {
    SearchOutcome outcome = engine.engine().execute("assets", QueryType.COUNT, json("{}"));

    assertThat(((Answered) outcome).body().path("count").asLong()).isEqualTo(1500);
  }

  @OnEachEngine
  void failsAtOnceAndForGoodOnAnUnknownIndexWithTheEnginesReason(EngineUnderTest engine) {
    SearchOutcome outcome = engine.engine().execute("no-such-index", QueryType.SEARCH, json("{}"));

    assertThat(outcome).isInstanceOf(Failed.class);
    Failed failed = (Failed) outcome;
    assertThat(failed.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failed.status()).isEqualTo(404);
    assertThat(failed.reason()).startsWith("index_not_found_exception: ").contains("no-such-index");
  }

  @OnEachEngine
  void encodesTheIndexNameInThePath(EngineUnderTest engine) {
    SearchOutcome outcome =
        engine.engine().execute("incidents/../assets", QueryType.COUNT, json("{}"));

    // Encoded, the slashes stay part of one (invalid) index name instead of changing the path.
    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).kind()).isEqualTo(Kind.PERMANENT);
    assertThat(((Failed) outcome).reason()).contains("incidents/../assets");
  }

  @OnEachEngine
  void failsAtOnceAndForGoodOnAMalformedQuery(EngineUnderTest engine) {
    SearchOutcome outcome =
        engine
            .engine()
            .execute("incidents", QueryType.SEARCH, json("{\"query\":{\"no_such_query\":{}}}"));

    assertThat(outcome).isInstanceOf(Failed.class);
    Failed failed = (Failed) outcome;
    assertThat(failed.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.reason()).contains("no_such_query");
  }

  @OnEachEngine
  void failsAtOnceAndForGoodOnAQueryTheIndexCannotRun(EngineUnderTest engine) {
    SearchOutcome outcome =
        engine
            .engine()
            .execute(
                "incidents", QueryType.SEARCH, json("{\"query\":{\"term\":{\"score\":\"high\"}}}"));

    assertThat(outcome).isInstanceOf(Failed.class);
    Failed failed = (Failed) outcome;
    assertThat(failed.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.reason()).startsWith("search_phase_execution_exception: ");
  }

  @OnEachEngine
  void tellsTheDistributionVersionAndClusterStatus(EngineUnderTest engine) {
    ClusterInfo info = engine.engine().clusterInfo();

    assertThat(info).isInstanceOf(ClusterInfo.Known.class);
    ClusterInfo.Known known = (ClusterInfo.Known) info;
    assertThat(known.distribution()).isEqualTo(engine.distribution);
    assertThat(known.version()).isEqualTo(engine.version);
    assertThat(known.clusterName()).isNotEmpty();
    assertThat(known.status()).isIn("green", "yellow");
  }

  private static List<String> ids(SearchOutcome outcome) {
    assertThat(outcome).isInstanceOf(Answered.class);
    return ((Answered) outcome)
        .body()
        .path("hits")
        .path("hits")
        .valueStream()
        .map(hit -> hit.path("_id").asString())
        .toList();
  }
}
