package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.async_search.AsyncSearch;
import co.elastic.clients.elasticsearch.async_search.AsyncSearchStatusResponse;
import co.elastic.clients.elasticsearch.async_search.DeleteAsyncSearchResponse;
import co.elastic.clients.elasticsearch.async_search.GetAsyncSearchResponse;
import co.elastic.clients.elasticsearch.async_search.SubmitRequest;
import co.elastic.clients.elasticsearch.async_search.SubmitResponse;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonpUtils;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Elasticsearch Java client, unchanged, pointed at the request side's {@code /es} with
 * an Airlock API key: its typed async search API submits, follows, reads and deletes searches that
 * cross the gap, and gets the answer the engine gives when asked directly, or Elasticsearch's
 * errors.
 */
class ElasticsearchClientIntegrationTests {

  @TempDir static Path root;

  private static TwoSides airlock;
  private static ElasticsearchClient client;
  private static ElasticsearchClient otherUsersClient;
  private final JsonMapper json = JsonMapper.shared();

  @BeforeAll
  static void start() throws Exception {
    airlock = TwoSides.start(root);
    Analyst analyst = Analyst.signedIn(airlock, "esjava" + suffix(), TwoSides.BULK_PROFILE);
    client = clientWith(analyst.elasticsearchApiKey("requests:read", "requests:write"));
    Analyst other = Analyst.signedIn(airlock, "esother" + suffix(), TwoSides.BULK_PROFILE);
    otherUsersClient = clientWith(other.elasticsearchApiKey("requests:read", "requests:write"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (ElasticsearchClient each : new ElasticsearchClient[] {client, otherUsersClient}) {
      if (each != null) {
        each.close();
      }
    }
    if (airlock != null) {
      airlock.close();
    }
  }

  @Test
  void theRootAnswersAsAnElasticsearchNine() throws Exception {
    InfoResponse info = client.info();

    assertThat(info.version().number()).isEqualTo("9.0.0");
    assertThat(info.tagline()).isEqualTo("You Know, for Search");
  }

  @Test
  void aSubmittedSearchComesBackWithTheHitsTheEngineGivesDirectly() throws Exception {
    SubmitRequest request = latestMalware("30s");

    AsyncSearch<ObjectNode> result =
        completed(client.asyncSearch().submit(request, ObjectNode.class));

    JsonNode direct = directly(request);
    assertThat(result.hits().hits()).hasSize(7);
    assertThat(result.hits().total().value())
        .isEqualTo(direct.path("hits").path("total").path("value").asLong());
    assertThat(result.hits().total().relation().jsonValue())
        .isEqualTo(direct.path("hits").path("total").path("relation").asString());
    assertThat(hitsOf(result)).isEqualTo(hitsOf(direct));
  }

  @Test
  void aSubmittedSearchComesBackWithTheBucketsTheEngineGivesDirectly() throws Exception {
    SubmitRequest request =
        SubmitRequest.of(
            s ->
                malware(s, "30s")
                    .aggregations("by_severity", a -> a.terms(t -> t.field("severity"))));

    AsyncSearch<ObjectNode> result =
        completed(client.asyncSearch().submit(request, ObjectNode.class));

    JsonNode direct = directly(request);
    assertThat(hitsOf(result)).isEqualTo(hitsOf(direct));
    assertThat(result.aggregations().get("by_severity").sterms().buckets().array())
        .extracting(bucket -> bucket.key().stringValue() + "=" + bucket.docCount())
        .isNotEmpty()
        .containsExactlyElementsOf(bucketsOf(direct.path("aggregations").path("by_severity")));
  }

  @Test
  void aSearchCanBeReadAgainAskedForItsStatusAndDeleted() throws Exception {
    SubmitResponse<ObjectNode> submitted =
        client.asyncSearch().submit(latestMalware("30s"), ObjectNode.class);
    String id = submitted.id();
    AsyncSearch<ObjectNode> first = completed(submitted);

    GetAsyncSearchResponse<ObjectNode> again =
        client.asyncSearch().get(g -> g.id(id), ObjectNode.class);
    assertThat(again.id()).isEqualTo(id);
    assertThat(again.isRunning()).isFalse();
    assertThat(again.isPartial()).isFalse();
    assertThat(hitsOf(again.response())).isEqualTo(hitsOf(first));

    AsyncSearchStatusResponse status = client.asyncSearch().status(s -> s.id(id));
    assertThat(status.id()).isEqualTo(id);
    assertThat(status.isRunning()).isFalse();
    assertThat(status.isPartial()).isFalse();
    assertThat(status.completionStatus()).isEqualTo(200);
    assertThat(status.expirationTimeInMillis()).isGreaterThan(status.startTimeInMillis());

    DeleteAsyncSearchResponse deleted = client.asyncSearch().delete(d -> d.id(id));
    assertThat(deleted.acknowledged()).isTrue();
    assertStatus(404, () -> client.asyncSearch().get(g -> g.id(id), ObjectNode.class));
    assertStatus(404, () -> client.asyncSearch().status(s -> s.id(id)));
  }

  @Test
  void aSearchLongerThanTheWaitIsAnsweredRunningThenCompletesWithItsRoundTripAsTook()
      throws Exception {
    long begun = System.nanoTime();
    // Held on this side of the gap, the search cannot be answered within the wait.
    airlock.pauseShuttle();
    SubmitResponse<ObjectNode> running;
    long submitted;
    long resumed;
    try {
      running = client.asyncSearch().submit(latestMalware("1s"), ObjectNode.class);
      submitted = System.nanoTime();
      assertThat(running.isRunning()).isTrue();
      assertThat(running.isPartial()).isTrue();
      assertThat(running.id()).isNotBlank();
      assertThat(running.response().hits().hits()).isEmpty();
      Thread.sleep(1_000);
    } finally {
      resumed = System.nanoTime();
      airlock.resumeShuttle();
    }

    GetAsyncSearchResponse<ObjectNode> done =
        client
            .asyncSearch()
            .get(
                g -> g.id(running.id()).waitForCompletionTimeout(t -> t.time("30s")),
                ObjectNode.class);
    long ended = System.nanoTime();
    assertThat(done.isRunning()).as("still running after 30s").isFalse();
    assertThat(done.isPartial()).isFalse();
    assertThat(done.response().hits().hits()).hasSize(7);
    // The round trip spans at least the pause, and no more than this test's own calls.
    assertThat(done.response().took())
        .isGreaterThanOrEqualTo(Duration.ofNanos(resumed - submitted).toMillis())
        .isLessThanOrEqualTo(Duration.ofNanos(ended - begun).toMillis() + 1);
  }

  @Test
  void aSearchTheEngineRefusesEndsWithItsErrorAndStatus() throws Exception {
    SubmitResponse<ObjectNode> submitted =
        client
            .asyncSearch()
            .submit(
                s ->
                    keptFor(s, "30s")
                        .index("incidents")
                        .query(
                            q -> q.range(r -> r.date(d -> d.field("reported_at").gte("no date")))),
                ObjectNode.class);

    GetAsyncSearchResponse<ObjectNode> failed = awaitDone(submitted.id());
    assertThat(failed.isPartial()).isTrue();
    assertThat(failed.error()).isNotNull();
    assertThat(failed.error().type()).isNotBlank();
    AsyncSearchStatusResponse status = client.asyncSearch().status(s -> s.id(submitted.id()));
    assertThat(status.completionStatus()).isEqualTo(400);
  }

  @Test
  void aQueryTheFirewallRefusesIsABadRequest() {
    assertStatus(
        400,
        () ->
            client
                .asyncSearch()
                .submit(
                    s ->
                        keptFor(s, "1s")
                            .index("incidents")
                            .query(
                                q ->
                                    q.script(
                                        sc ->
                                            sc.script(
                                                script ->
                                                    script.source(
                                                        source ->
                                                            source.scriptString(
                                                                "doc['score'].value > 5"))))),
                    ObjectNode.class));
  }

  @Test
  void anIndexTheProfileDoesNotAllowIsABadRequest() {
    assertStatus(
        400,
        () ->
            client
                .asyncSearch()
                .submit(
                    s -> keptFor(s, "1s").index("payroll").query(q -> q.matchAll(m -> m)),
                    ObjectNode.class));
  }

  @Test
  void aWrongApiKeyIsUnauthorised() throws Exception {
    try (ElasticsearchClient stranger = clientWith("bm9ib2R5Om5vdGhpbmc=")) {
      assertStatus(401, () -> stranger.asyncSearch().submit(latestMalware("1s"), ObjectNode.class));
      assertStatus(401, () -> stranger.asyncSearch().status(s -> s.id("anything")));
    }
  }

  @Test
  void aKeyWithoutTheWriteScopeMayNotSubmit() throws Exception {
    Analyst reader = Analyst.signedIn(airlock, "esreader" + suffix(), TwoSides.BULK_PROFILE);
    try (ElasticsearchClient readOnly = clientWith(reader.elasticsearchApiKey("requests:read"))) {
      assertStatus(403, () -> readOnly.asyncSearch().submit(latestMalware("1s"), ObjectNode.class));
    }
  }

  @Test
  void anotherUsersSearchIsNotFoundAndStaysTheirs() throws Exception {
    SubmitResponse<ObjectNode> submitted =
        client.asyncSearch().submit(latestMalware("1s"), ObjectNode.class);
    String id = submitted.id();

    assertStatus(404, () -> otherUsersClient.asyncSearch().get(g -> g.id(id), ObjectNode.class));
    assertStatus(404, () -> otherUsersClient.asyncSearch().status(s -> s.id(id)));
    assertStatus(404, () -> otherUsersClient.asyncSearch().delete(d -> d.id(id)));
    assertThat(completed(submitted).hits().hits()).hasSize(7);
  }

  /** Incidents about malware, newest first, seven of them. */
  private static SubmitRequest latestMalware(String wait) {
    return SubmitRequest.of(s -> malware(s, wait));
  }

  private static SubmitRequest.Builder malware(SubmitRequest.Builder submit, String wait) {
    return keptFor(submit, wait)
        .index("incidents")
        .query(q -> q.match(m -> m.field("description").query("malware")))
        .sort(o -> o.field(f -> f.field("reported_at").order(SortOrder.Desc)))
        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
        .size(7);
  }

  private static SubmitRequest.Builder keptFor(SubmitRequest.Builder submit, String wait) {
    return submit
        .waitForCompletionTimeout(t -> t.time(wait))
        .keepAlive(t -> t.time("1h"))
        .keepOnCompletion(true);
  }

  /** The search's answer: the submit's if it had one, else the one it is waited for. */
  private AsyncSearch<ObjectNode> completed(SubmitResponse<ObjectNode> submitted) throws Exception {
    if (!submitted.isRunning()) {
      assertThat(submitted.isPartial()).as(String.valueOf(submitted.error())).isFalse();
      return submitted.response();
    }
    GetAsyncSearchResponse<ObjectNode> done = awaitDone(submitted.id());
    assertThat(done.isPartial()).as(String.valueOf(done.error())).isFalse();
    return done.response();
  }

  /** Reads the search, waiting the longest the API allows, until it has ended. */
  private GetAsyncSearchResponse<ObjectNode> awaitDone(String id) throws Exception {
    GetAsyncSearchResponse<ObjectNode> last = null;
    for (int attempt = 0; attempt < 4 && (last == null || last.isRunning()); attempt++) {
      last =
          client
              .asyncSearch()
              .get(g -> g.id(id).waitForCompletionTimeout(t -> t.time("30s")), ObjectNode.class);
    }
    assertThat(last.isRunning()).as("%s still running after two minutes", id).isFalse();
    return last;
  }

  /**
   * Each hit as its index, id and source, in order; compared as JSON trees, so the order of a
   * source's fields does not matter.
   */
  private List<JsonNode> hitsOf(AsyncSearch<ObjectNode> result) {
    List<JsonNode> hits = new ArrayList<>();
    for (Hit<ObjectNode> hit : result.hits().hits()) {
      hits.add(hit(hit.index(), hit.id(), json.readTree(String.valueOf(hit.source()))));
    }
    return hits;
  }

  private List<JsonNode> hitsOf(JsonNode direct) {
    List<JsonNode> hits = new ArrayList<>();
    for (JsonNode hit : direct.path("hits").path("hits")) {
      hits.add(hit(hit.path("_index").asString(), hit.path("_id").asString(), hit.get("_source")));
    }
    return hits;
  }

  private JsonNode hit(String index, String id, JsonNode source) {
    return json.createObjectNode().put("_index", index).put("_id", id).set("_source", source);
  }

  private static List<String> bucketsOf(JsonNode terms) {
    List<String> buckets = new ArrayList<>();
    for (JsonNode bucket : terms.path("buckets")) {
      buckets.add(bucket.path("key").asString() + "=" + bucket.path("doc_count").asLong());
    }
    return buckets;
  }

  /** The engine's answer to the same search body, asked directly. */
  private JsonNode directly(SubmitRequest request) throws Exception {
    HttpResponse<String> response =
        airlock.onSearchNode(
            "/incidents/_search", JsonpUtils.toJsonString(request, client._jsonpMapper()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static void assertStatus(int status, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ElasticsearchException.class,
            e -> {
              assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
              assertThat(e.error().type()).isNotBlank();
            });
  }

  /** The client as its documentation builds it: a URL with the path prefix, and an API key. */
  private static ElasticsearchClient clientWith(String encodedApiKey) {
    return ElasticsearchClient.of(
        b -> b.host(airlock.requestSideUrl() + "/es").apiKey(encodedApiKey));
  }

  private static String suffix() {
    return String.valueOf(System.nanoTime() % 100_000);
  }
}
