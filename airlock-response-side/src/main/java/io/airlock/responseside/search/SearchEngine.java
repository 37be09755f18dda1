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
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs queries on the configured Elasticsearch or OpenSearch cluster over plain HTTP and JSON, so
 * that one client serves Elasticsearch 7 to 9 and OpenSearch 1 to 3. Calls that fail for a passing
 * reason (connection failure, timeout, 429, 5xx) are retried with backoff; a request the engine
 * refuses (bad query, unknown index) fails at once with the engine's reason. Nothing is thrown for
 * what the engine does: every call returns an outcome.
 */
public class SearchEngine {

  private static final Logger logger = LoggerFactory.getLogger(SearchEngine.class);

  private static final Duration PARTIAL_RESULTS_GRACE = Duration.ofSeconds(1);

  static final String NOT_CONFIGURED = "not configured (set airlock.search.url)";

  private final SearchProperties properties;
  private final JsonMapper json;
  private final EngineConnection connection;
  private final Backoff backoff;

  SearchEngine(SearchProperties properties, JsonMapper json) {
    this.properties = properties;
    this.json = json;
    this.connection = properties.configured() ? new EngineConnection(properties) : null;
    this.backoff =
        new Backoff(
            properties.retry().initialBackoff(),
            properties.retry().maxBackoff(),
            RandomGenerator.getDefault());
  }

  /**
   * {@code POST /{index}/_search} with the given Query DSL body.
   *
   * @param timeout how long each attempt may wait for the answer; capped at {@code
   *     airlock.search.max-request-timeout}
   */
  public SearchOutcome search(String index, JsonNode body, Duration timeout) {
    return withRetries("POST", indexPath(index, "_search"), body, timeout);
  }

  /**
   * Runs a queued request's query once: a search or a count, waiting as long as its params' {@code
   * timeout} says (and a moment more, so that the engine can send the partial results it collected
   * by then), or {@code airlock.search.default-query-timeout} when they say nothing. Not retried
   * here: the queue retries a passing failure later with backoff, so no worker waits out an outage.
   */
  public SearchOutcome execute(String index, QueryType type, JsonNode params) {
    Duration timeout =
        QueryTimeouts.of(params)
            .map(wanted -> wanted.plus(PARTIAL_RESULTS_GRACE))
            .orElse(properties.defaultQueryTimeout());
    String endpoint = type == QueryType.COUNT ? "_count" : "_search";
    return attempts("POST", indexPath(index, endpoint), params, timeout, 1);
  }

  /** {@code POST /{index}/_count}; the body holds at most a {@code query}. */
  public SearchOutcome count(String index, JsonNode body, Duration timeout) {
    return withRetries("POST", indexPath(index, "_count"), body, timeout);
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

  private SearchOutcome withRetries(String method, String path, JsonNode body, Duration timeout) {
    return attempts(method, path, body, timeout, properties.retry().attempts());
  }

  private SearchOutcome attempts(
      String method, String path, JsonNode body, Duration timeout, int attempts) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(timeout, "timeout");
    if (connection == null) {
      return new Failed(Kind.TRANSIENT, 0, NOT_CONFIGURED);
    }
    Duration capped =
        timeout.compareTo(properties.maxRequestTimeout()) > 0
            ? properties.maxRequestTimeout()
            : timeout;
    String payload = json.writeValueAsString(body);
    long started = System.nanoTime();
    SearchOutcome outcome = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1 && !pause(backoff.before(attempt - 1))) {
        return new Failed(Kind.TRANSIENT, 0, "interrupted while waiting to retry");
      }
      outcome = once(method, path, payload, capped);
      if (!(outcome instanceof Failed failed) || failed.kind() == Kind.PERMANENT) {
        break;
      }
      logger.debug("{} {} attempt {} of {} failed: {}", method, path, attempt, attempts, failed);
    }
    if (outcome instanceof Answered answered) {
      return new Answered(answered.body(), (System.nanoTime() - started) / 1_000_000);
    }
    Failed failed = (Failed) outcome;
    if (failed.kind() == Kind.TRANSIENT && attempts > 1) {
      return new Failed(
          failed.kind(), failed.status(), failed.reason() + " (after " + attempts + " attempts)");
    }
    return failed;
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

  private static boolean pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String indexPath(String index, String endpoint) {
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
