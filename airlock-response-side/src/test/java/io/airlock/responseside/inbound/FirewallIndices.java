package io.airlock.responseside.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indices the query firewall's tests use on an engine, written straight over HTTP: {@value
 * #SAMPLE}, with a field of every kind the grammar's examples name and documents they find, and
 * {@value #SECRET}, which no request may reach. And the engine's search statistics, which tell
 * whether a query reached it.
 */
final class FirewallIndices {

  static final String SAMPLE = "grammar-sample";
  static final String SECRET = "secret";

  // Per engine, as each test JVM shares one node of each.
  private static final Set<URI> READY = ConcurrentHashMap.newKeySet();
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  // Elasticsearch 7's english analyzer lives in analysis-common, which the test node lacks: the
  // index defines one of that name, as the node's own sample data does.
  private static final String ENGLISH_FOR_ELASTICSEARCH =
      """
      ,"analysis":{"analyzer":{"english":{"type":"standard","stopwords":"_english_"}}}""";

  private static final String SAMPLE_INDEX =
      """
      {"settings":{"number_of_shards":1,"number_of_replicas":0%s},
       "mappings":{"properties":{
         "id":{"type":"keyword"},
         "title":{"type":"text","analyzer":"english"},
         "description":{"type":"text"},
         "severity":{"type":"keyword"},
         "score":{"type":"float"},
         "reported_at":{"type":"date"},
         "location":{"type":"geo_point"},
         "comments":{"type":"nested","properties":{
           "author":{"type":"keyword"},"text":{"type":"text"}}}}}}""";

  private static final List<String> SAMPLE_DOCUMENTS =
      List.of(
          """
          {"id":"1","title":"Disk failure on storage node",
           "description":"The disk array reported a failure and the disk was replaced.",
           "severity":"critical","score":9.1,"reported_at":"2024-03-01T10:00:00Z",
           "location":{"lat":52.37,"lon":4.89},
           "comments":[{"author":"ann","text":"Replaced the disk"}]}""",
          """
          {"id":"2","title":"Disk failure predicted on mail server",
           "description":"SMART counters predict a disk failure within days.",
           "severity":"high","score":7.5,"reported_at":"2024-04-12T08:30:00Z",
           "location":{"lat":52.38,"lon":4.9},
           "comments":[{"author":"bob","text":"Replacement scheduled"}]}""",
          """
          {"id":"3","title":"Login failure from an unknown address",
           "description":"Repeated failed logins on the VPN gateway.",
           "severity":"low","score":2.0,"reported_at":"2024-05-20T22:15:00Z",
           "location":{"lat":52.09,"lon":5.12},
           "comments":[{"author":"ann","text":"Password reset"}]}""",
          """
          {"id":"4","title":"Critical patch missing on web server",
           "description":"The web server runs a release with a known flaw.",
           "severity":"critical","score":8.8,"reported_at":"2024-06-01T12:00:00Z",
           "location":{"lat":51.92,"lon":4.48},"comments":[]}""",
          """
          {"id":"5","title":"Backup job slow",
           "description":"The nightly backup overran; the disk is nearly full.",
           "severity":"low","score":1.2,"reported_at":"2024-07-15T03:00:00Z",
           "location":{"lat":52.37,"lon":4.88},
           "comments":[{"author":"carol","text":"Disk nearly full"}]}""");

  // The test nodes have no geo_shape (OpenSearch keeps it in a module they lack): the shape is
  // kept in the source only, as a lookup would read it.
  private static final String SECRET_INDEX =
      """
      {"settings":{"number_of_shards":1,"number_of_replicas":0},
       "mappings":{"properties":{
         "owner":{"type":"keyword"},"shape":{"type":"object","enabled":false}}}}""";

  private static final String SECRET_DOCUMENT =
      """
      {"owner":"ann",
       "shape":{"type":"envelope","coordinates":[[4.0,53.0],[5.0,52.0]]}}""";

  private final URI engine;

  FirewallIndices(URI engine) {
    this.engine = engine;
  }

  /**
   * Creates both indices, unless this JVM did already, and (re)writes their documents; an index
   * left by an earlier run is kept.
   *
   * @param elasticsearch whether the engine is Elasticsearch rather than OpenSearch
   */
  void ensure(boolean elasticsearch) {
    if (READY.contains(engine)) {
      return;
    }
    createIfAbsent(SAMPLE, SAMPLE_INDEX.formatted(elasticsearch ? ENGLISH_FOR_ELASTICSEARCH : ""));
    for (String document : SAMPLE_DOCUMENTS) {
      String id = JSON.readTree(document).path("id").stringValue();
      put("/" + SAMPLE + "/_doc/" + id + "?refresh=true", document);
    }
    createIfAbsent(SECRET, SECRET_INDEX);
    put("/" + SECRET + "/_doc/1?refresh=true", SECRET_DOCUMENT);
    READY.add(engine);
  }

  /** Search queries the engine has run on all its indices' shards. */
  long queriesRun() {
    return get("/_stats/search")
        .path("_all")
        .path("total")
        .path("search")
        .path("query_total")
        .asLong();
  }

  /** Search queries the engine has run on {@value #SECRET}'s shards. */
  long queriesRunOnSecret() {
    return get("/" + SECRET + "/_stats/search")
        .path("_all")
        .path("total")
        .path("search")
        .path("query_total")
        .asLong();
  }

  private void createIfAbsent(String index, String definition) {
    HttpResponse<String> head =
        send(
            HttpRequest.newBuilder(engine.resolve("/" + index))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    if (head.statusCode() == 200) {
      return;
    }
    put("/" + index, definition);
  }

  private void put(String path, String body) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(engine.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "PUT " + path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private JsonNode get(String path) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(engine.resolve(path)).GET().build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
