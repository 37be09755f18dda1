package io.airlock.responseside.search;

import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import io.airlock.responseside.search.SearchOutcome.Kind;
import io.airlock.transfer.records.QueryType;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs queries on the configured Elasticsearch or OpenSearch cluster over plain HTTP and JSON, so
 * that one client serves Elasticsearch 7 to 9 and OpenSearch 1 to 3. Each call is one attempt, and
 * its failure says whether it was passing (connection failure, timeout, 429, 5xx: worth trying
 * later) or permanent (bad query, unknown index: with the engine's reason); retrying is the queue's
 * business. Nothing is thrown for what the engine does: every call returns an outcome.
 */
public class SearchEngine {

  private static final Duration PARTIAL_RESULTS_GRACE = Duration.ofSeconds(1);

  static final String NOT_CONFIGURED = "not configured (set airlock.search.url)";

  private final SearchProperties properties;
  private final JsonMapper json;
  private final EngineConnection connection;

  SearchEngine(SearchProperties properties, JsonMapper json) {
    this.properties = properties;
    this.json = json;
    this.connection = properties.configured() ? new EngineConnection(properties) : null;
  }

  /**
   * Runs a queued request's query once: a search or a count, waiting as long as its params' {@code
   * timeout} says (and a moment more, so that the engine can send the partial results it collected
   * by then), or {@code airlock.search.default-query-timeout} when they say nothing; never longer
   * than {@code airlock.search.max-request-timeout}. Not retried here: the queue retries a passing
   * failure later with backoff, so no worker waits out an outage.
   */
  public SearchOutcome execute(String index, QueryType type, JsonNode params) {
    Objects.requireNonNull(params, "params");
    String path = indexPath(index, type == QueryType.COUNT ? "_count" : "_search");
    if (connection == null) {
      return new Failed(Kind.TRANSIENT, 0, NOT_CONFIGURED);
    }
    Duration timeout =
        QueryTimeouts.of(params)
            .map(wanted -> wanted.plus(PARTIAL_RESULTS_GRACE))
            .orElse(properties.defaultQueryTimeout());
    if (timeout.compareTo(properties.maxRequestTimeout()) > 0) {
      timeout = properties.maxRequestTimeout();
    }
    long started = System.nanoTime();
    SearchOutcome outcome = once("POST", path, json.writeValueAsString(params), timeout);
    if (outcome instanceof Answered answered) {
      return new Answered(answered.body(), (System.nanoTime() - started) / 1_000_000);
    }
    return outcome;
  }

  /**
   * The engine's distribution and version ({@code GET /}) and its cluster health ({@code GET
   * /_cluster/health}), each asked once and given the connect timeout to answer: for health checks,
   * which must be quick and are repeated anyway.
   */
  public ClusterInfo clusterInfo() {
    if (connection == null) {
      return new ClusterInfo.Unavailable(NOT_CONFIGURED);
    }
    Duration timeout = properties.connectTimeout();
    SearchOutcome root = once("GET", "/", null, timeout);
    if (root instanceof Failed failed) {
      return new ClusterInfo.Unavailable(failed.reason());
    }
    SearchOutcome health = once("GET", "/_cluster/health", null, timeout);
    if (health instanceof Failed failed) {
      return new ClusterInfo.Unavailable(failed.reason());
    }
    JsonNode version = ((Answered) root).body().path("version");
    // Elasticsearch never sends a distribution; OpenSearch always does, also in its 7.10.2
    // compatibility mode, so it tells the two apart where the version number cannot.
    String distribution = version.path("distribution").asString("elasticsearch");
    return new ClusterInfo.Known(
        distribution,
        version.path("number").asString(""),
        ((Answered) root).body().path("cluster_name").asString(""),
        ((Answered) health).body().path("status").asString(""));
  }

  /** Whether {@code airlock.search.url} is set; without it every call fails as not configured. */
  public boolean configured() {
    return connection != null;
  }

  /**
   * One call as given, asked once and given the default query timeout to answer: for this side's
   * own questions to the engine (the search account check), never for a user's query.
   *
   * @param path starting with {@code /}, already encoded, with its query string if any
   * @param payload the JSON body, or null for none
   */
  SearchOutcome exchange(String method, String path, String payload) {
    if (connection == null) {
      return new Failed(Kind.TRANSIENT, 0, NOT_CONFIGURED);
    }
    return once(method, path, payload, properties.defaultQueryTimeout());
  }

  private SearchOutcome once(String method, String path, String payload, Duration timeout) {
    HttpResponse<String> response;
    try {
      response = connection.send(method, path, payload, timeout);
    } catch (HttpConnectTimeoutException e) {
      return new Failed(Kind.TRANSIENT, 0, "connect timed out after " + connectTimeout());
    } catch (HttpTimeoutException e) {
      return new Failed(Kind.TRANSIENT, 0, "no answer within " + timeout.toMillis() + " ms");
    } catch (SSLException e) {
      return new Failed(Kind.TRANSIENT, 0, "TLS failed: " + e.getMessage());
    } catch (IOException e) {
      return new Failed(Kind.TRANSIENT, 0, "connection failed: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed(Kind.TRANSIENT, 0, "interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return new Answered(json.readTree(response.body()), 0);
      } catch (JacksonException e) {
        return new Failed(Kind.PERMANENT, status, "answer is not JSON: " + e.getOriginalMessage());
      }
    }
    String reason = EngineErrors.reason(json, status, response.body());
    boolean passing = status == 429 || status >= 500;
    return new Failed(passing ? Kind.TRANSIENT : Kind.PERMANENT, status, reason);
  }

  private String connectTimeout() {
    return properties.connectTimeout().toMillis() + " ms";
  }

  // A refused connection surfaces as a bare ConnectException with no message: name its type.
  private static String describe(IOException e) {
    Throwable cause = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  static String indexPath(String index, String endpoint) {
    if (index == null || index.isBlank()) {
      throw new IllegalArgumentException("an index is required");
    }
    // URLEncoder encodes a form, where a space is '+'; in a path it must be %20.
    return "/"
        + URLEncoder.encode(index, StandardCharsets.UTF_8).replace("+", "%20")
        + "/"
        + endpoint;
  }
}
