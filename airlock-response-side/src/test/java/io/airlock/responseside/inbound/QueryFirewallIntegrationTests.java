package io.airlock.responseside.inbound;

import static io.airlock.responseside.inbound.FirewallIndices.SAMPLE;
import static io.airlock.responseside.inbound.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.responseside.directory.IndexAllowList;
import io.airlock.responseside.directory.User;
import io.airlock.responseside.execution.TestWorker;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.responseside.queue.RequestQueue;
import io.airlock.responseside.search.ClusterInfo;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.responseside.search.SearchOutcome;
import io.airlock.transfer.query.QueryCheck;
import io.airlock.transfer.query.QueryGrammar;
import io.airlock.transfer.query.QueryRules;
import io.airlock.transfer.query.RefusedQueries;
import io.airlock.transfer.query.RefusedQueries.Construct;
import io.airlock.transfer.query.RefusedQueries.Placement;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RequestRecord;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query firewall on a real engine (issue 11), OpenSearch here: every clause and aggregation the
 * grammar accepts runs, and a request forged on the requests channel, signed with the request
 * side's key as a compromised request side would, is refused on import and never reaches the
 * engine, as the engine's own search statistics show.
 */
@RequestsChannelTest
class QueryFirewallIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.shared();

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired DirectoryAdministration administration;
  @Autowired IndexAllowList allowList;
  @Autowired JdbcClient jdbc;
  @Autowired RequestQueue queue;
  @Autowired ResultCache cache;
  @Autowired SearchEngine engine;
  @Autowired JsonMapper json;

  @Value("${airlock.search.url}")
  URI engineUrl;

  FirewallIndices indices;
  RequestsFixture fixture;
  TestWorker worker;
  User user;

  @BeforeEach
  void setUp() {
    indices = new FirewallIndices(engineUrl);
    indices.ensure(distribution().equals("elasticsearch"));
    fixture = new RequestsFixture(importer, folders, administration, jdbc);
    user = fixture.user(fixture.profileType(3, List.of(SAMPLE), 100));
    // Another test on this database may have left a global allow-list: the sample must be on it,
    // so that only the query decides.
    allowList
        .indices()
        .filter(allowed -> !allowed.contains(SAMPLE))
        .ifPresent(
            allowed -> {
              Set<String> wider = new TreeSet<>(allowed);
              wider.add(SAMPLE);
              administration.putSetting(IndexAllowList.KEY, String.join(", ", wider), "test");
            });
    // Whatever earlier tests on this database left queued would reach the engine too.
    new QueueFixture(jdbc).drain();
    worker = new TestWorker(queue, cache, engine, json);
  }

  static Stream<Arguments> clauses() {
    return QueryGrammar.clauseTable().values().stream()
        .map(clause -> Arguments.of(clause.name(), clause.example()));
  }

  static Stream<Arguments> aggregations() {
    return QueryGrammar.aggregationTable().values().stream()
        .map(aggregation -> Arguments.of(aggregation.name(), aggregation.example()));
  }

  static List<Placement> placements() {
    return RefusedQueries.PLACEMENTS;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clauses")
  void runsTheExampleOfEveryClauseTheGrammarAccepts(String name, String example) {
    SearchOutcome.Answered answer = runAccepted("{\"query\":" + example + "}");

    if (!name.equals("match_none")) {
      assertThat(answer.body().path("hits").path("total").path("value").asLong())
          .as("%s finds something in %s: else the example proves little", example, SAMPLE)
          .isPositive();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aggregations")
  void runsTheExampleOfEveryAggregationTheGrammarAccepts(String name, String example) {
    SearchOutcome.Answered answer = runAccepted("{\"size\":0,\"aggs\":" + example + "}");

    String aggregation = JSON.readTree(example).propertyNames().iterator().next();
    assertThat(answer.body().path("aggregations").has(aggregation))
        .as("%s answers with its aggregation: %s", example, answer.body())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("io.airlock.transfer.query.RefusedQueries#everyConstructInEveryPlace")
  void refusesAForgedRequestWithARefusedConstructBeforeItReachesTheEngine(
      Construct construct, Placement placement) {
    RequestRecord forged = request(user.id(), SAMPLE, placement.params(construct), 1);
    long queriesBefore = indices.queriesRun();
    long secretQueriesBefore = indices.queriesRunOnSecret();

    assertThat(fixture.send(forged)).isInstanceOf(ImportOutcome.Imported.class);
    int ran = worker.runReady();

    assertThat(fixture.incoming(forged.id()).orElseThrow())
        .containsEntry("status", "failed")
        .containsEntry("reason_code", QueryCheck.Invalid.REASON_CODE)
        .containsEntry("cache_key", null);
    assertThat(fixture.result(forged.id()).orElseThrow())
        .containsEntry("outcome", "failed")
        .containsEntry("reason_code", QueryCheck.Invalid.REASON_CODE)
        .hasEntrySatisfying(
            "reason_detail",
            detail -> assertThat((String) detail).startsWith(placement.faultPath(construct) + " "));
    assertThat(ran).as("requests a worker found to run").isZero();
    assertThat(indices.queriesRun()).as("queries the engine ran").isEqualTo(queriesBefore);
    assertThat(indices.queriesRunOnSecret()).isEqualTo(secretQueriesBefore);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placements")
  void queuesAndRunsTheSameForgedRequestWithAnAcceptedClauseInstead(Placement placement) {
    // The match example, made unique so that the result cache cannot answer it instead.
    Construct accepted =
        new Construct(
            "match",
            "{\"bool\":{\"must\":[%s],\"must_not\":[{\"term\":{\"id\":\"%s\"}}]}}"
                .formatted(QueryGrammar.clauseTable().get("match").example(), UUID.randomUUID()),
            "");
    RequestRecord forged = request(user.id(), SAMPLE, placement.params(accepted), 1);
    long queriesBefore = indices.queriesRun();
    long secretQueriesBefore = indices.queriesRunOnSecret();

    assertThat(fixture.send(forged)).isInstanceOf(ImportOutcome.Imported.class);
    assertThat(fixture.incoming(forged.id()).orElseThrow()).containsEntry("status", "queued");
    assertThat(worker.runReady()).isOne();

    assertThat(fixture.result(forged.id()).orElseThrow()).containsEntry("outcome", "completed");
    assertThat(indices.queriesRun()).as("queries the engine ran").isGreaterThan(queriesBefore);
    assertThat(indices.queriesRunOnSecret()).isEqualTo(secretQueriesBefore);
  }

  private SearchOutcome.Answered runAccepted(String params) {
    JsonNode query = JSON.readTree(params);
    QueryCheck check = QueryRules.standard().check(SAMPLE, "search", query);
    assertThat(check).as("%s passes the query rules", params).isInstanceOf(QueryCheck.Valid.class);

    SearchOutcome outcome =
        engine.execute(SAMPLE, QueryType.SEARCH, ((QueryCheck.Valid) check).params());

    assertThat(outcome)
        .withFailMessage("%s failed on %s: %s", params, distribution(), outcome)
        .isInstanceOf(SearchOutcome.Answered.class);
    SearchOutcome.Answered answer = (SearchOutcome.Answered) outcome;
    assertThat(answer.body().path("_shards").path("failed").asInt())
        .as("shards that failed %s: %s", params, answer.body())
        .isZero();
    return answer;
  }

  String distribution() {
    return engine.clusterInfo() instanceof ClusterInfo.Known known
        ? known.distribution()
        : "an unavailable engine";
  }
}
