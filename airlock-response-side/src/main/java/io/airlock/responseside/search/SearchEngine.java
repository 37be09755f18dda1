package io.airlock.responseside.search;

import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import io.airlock.responseside.search.SearchOutcome.Kind;
import io.airlock.transfer.records.QueryType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
  private final Timer succeeded;
  private final Timer failed;
  private final Timer rejected;
  private final Timer timedOut;

  SearchEngine(SearchProperties properties, JsonMapper json, MeterRegistry registry) {
    this.properties = properties;
    this.json = json;
    this.connection = properties.configured() ? new EngineConnection(properties) : null;
    this.succeeded = callTimer(registry, "success");
    this.failed = callTimer(registry, "error");
    // The query's fault (a bad query, an unknown index), not the engine's: kept out of "error",
    // which the engine's alert watches.
    this.rejected = callTimer(registry, "rejected");
    this.timedOut = callTimer(registry, "timeout");
  }

  // Only queries are timed: this side's own questions (health, the account check) are not the
  // engine's load, and would hide a slow query among quick ones.
  private static Timer callTimer(MeterRegistry registry, String outcome) {
    return Timer.builder("airlock.engine.calls")
        .description("Calls to the search engine for a query: a request's, or a pre-warm's")
        .tag("outcome", outcome)
        .register(registry);
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
    SearchOutcome outcome;
    Timer call;
    try {
      outcome = answer(connection.send("POST", path, json.writeValueAsString(params), timeout));
      if (outcome instanceof Answered) {
        call = succeeded;
      } else {
        call = ((Failed) outcome).kind() == Kind.PERMANENT ? rejected : failed;
      }
    } catch (IOException | InterruptedException e) {
      outcome = failure(e, timeout);
      call = e instanceof HttpTimeoutException ? timedOut : failed;
    }
    long took = System.nanoTime() - started;
    call.record(took, TimeUnit.NANOSECONDS);
    return outcome instanceof Answered answered
        ? new Answered(answered.body(), took / 1_000_000)
        : outcome;
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
    try {
      return answer(connection.send(method, path, payload, timeout));
    } catch (IOException | InterruptedException e) {
      return failure(e, timeout);
    }
  }

  /** What a call that got no answer came to; every such failure is passing. */
  private Failed failure(Exception e, Duration timeout) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new Failed(Kind.TRANSIENT, 0, "interrupted");
    }
    if (e instanceof HttpConnectTimeoutException) {
      return new Failed(Kind.TRANSIENT, 0, "connect timed out after " + connectTimeout());
    }
    if (e instanceof HttpTimeoutException) {
      return new Failed(Kind.TRANSIENT, 0, "no answer within " + timeout.toMillis() + " ms");
    }
    if (e instanceof SSLException) {
      return new Failed(Kind.TRANSIENT, 0, "TLS failed: " + e.getMessage());
    }
    return new Failed(Kind.TRANSIENT, 0, "connection failed: " + describe(e));
  }

  private SearchOutcome answer(HttpResponse<String> response) {
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
  private static String describe(Exception e) {
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
