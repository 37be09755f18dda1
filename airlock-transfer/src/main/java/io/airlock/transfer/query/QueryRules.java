package io.airlock.transfer.query;

import io.airlock.transfer.records.QueryType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules every query must pass (DESIGN §3), checked by the request side before it stores a
 * request and again by the response side for every request it imports, because the response side
 * trusts nothing from the low network. One implementation, so the two sides cannot drift apart.
 *
 * <p>What is checked here is what the request alone can tell:
 *
 * <ul>
 *   <li>{@code index}: one concrete Elasticsearch index name — lower case, at most 255 bytes
 *       (UTF-8), no wildcards ({@code *}, {@code ?}), lists ({@code ,}), spaces or any of {@code \
 *       / " < > | # :}, not starting with {@code -}, {@code _} or {@code +}, not {@code .} or
 *       {@code ..};
 *   <li>{@code query_type}: {@code search} or {@code count};
 *   <li>{@code query_params}: a JSON object. A search may hold only {@code query}, {@code size},
 *       {@code from}, {@code sort}, {@code _source}, {@code aggs}, {@code highlight} and {@code
 *       timeout}; a count only {@code query};
 *   <li>no scripts anywhere in the tree: no member named {@code script}, {@code script_score},
 *       {@code scripted_metric}, {@code script_fields}, {@code bucket_script}, {@code
 *       bucket_selector} or {@code runtime_mappings} at any depth, in queries, aggregations and
 *       sorts alike;
 *   <li>at most {@value #MAX_DEPTH} levels of nesting (the params object is level 1) and at most
 *       {@value #MAX_NODES} JSON values in all, which bounds the clause count;
 *   <li>{@code size} an integer from 0 to {@value #MAX_SIZE}; {@code from} an integer ≥ 0; {@code
 *       from + size} at most {@value #MAX_WINDOW} (Elasticsearch's default result window);
 *   <li>no string or member name with an unpaired UTF-16 surrogate, which has no UTF-8 form;
 *   <li>{@code timeout} an Elasticsearch time value ({@code 500ms}, {@code 5s}, {@code 1m}) of at
 *       most 30 seconds.
 * </ul>
 *
 * <p>What needs context stays with the caller: whether the index is in the user's profile and the
 * response side's allow-list, the priority against the profile's maximum, and {@link
 * QueryCheck.Valid#effectiveSize()} against the profile's maximum result size.
 *
 * <p>Rules are checked in a fixed order (index, query type, shape, scripts, limits) and the first
 * failure is reported, so a request always gets the same answer.
 */
public final class QueryRules {

  /** Largest {@code size} a query may ask for. */
  public static final int MAX_SIZE = 1000;

  /** Largest {@code from + size}: Elasticsearch's default {@code index.max_result_window}. */
  public static final int MAX_WINDOW = 10_000;

  /** Deepest nesting of objects and arrays, counting the params object as level 1. */
  public static final int MAX_DEPTH = 20;

  /** Most JSON values (objects, arrays and scalars) the params may hold. */
  public static final int MAX_NODES = 1000;

  /** Longest {@code timeout} a query may set. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

  /** Elasticsearch's {@code size} when a search does not set one. */
  static final int DEFAULT_SEARCH_SIZE = 10;

  static final String SEARCH_KEYS_TEXT =
      "query, size, from, sort, _source, aggs, highlight and timeout";

  private static final Set<String> SEARCH_KEYS =
      Set.of("query", "size", "from", "sort", "_source", "aggs", "highlight", "timeout");

  private static final Set<String> COUNT_KEYS = Set.of("query");

  private static final Set<String> FORBIDDEN_KEYS =
      Set.of(
          "script",
          "script_score",
          "scripted_metric",
          "script_fields",
          "bucket_script",
          "bucket_selector",
          "runtime_mappings");

  private static final String PARAMS = "query_params";

  private static final String LONE_SURROGATE =
      "must not contain an unpaired surrogate (\\ud800-\\udfff escape)";

  private QueryRules() {}

  /**
   * Checks one request against every rule above.
   *
   * @param index the index name as sent (may be null: that is a failure, not an exception)
   * @param queryType the query type's wire name as sent (may be null)
   * @param params the query params as sent (may be null)
   * @return {@link QueryCheck.Valid} with the canonical params, or {@link QueryCheck.Invalid}
   *     naming the first offending field
   */
  public static QueryCheck check(String index, String queryType, JsonNode params) {
    Optional<String> indexProblem = IndexNames.problem(index);
    if (indexProblem.isPresent()) {
      return new QueryCheck.Invalid("index", indexProblem.get());
    }
    if (queryType == null) {
      return new QueryCheck.Invalid("query_type", "is required");
    }
    Optional<QueryType> type = QueryType.fromWireName(queryType);
    if (type.isEmpty()) {
      return new QueryCheck.Invalid("query_type", "must be 'search' or 'count'");
    }
    if (params == null || params.isMissingNode() || params.isNull()) {
      return new QueryCheck.Invalid(PARAMS, "is required");
    }
    if (!params.isObject()) {
      return new QueryCheck.Invalid(PARAMS, "must be a JSON object");
    }
    Set<String> allowed = type.get() == QueryType.SEARCH ? SEARCH_KEYS : COUNT_KEYS;
    for (Map.Entry<String, JsonNode> member : params.properties()) {
      String key = member.getKey();
      if (!allowed.contains(key)) {
        return new QueryCheck.Invalid(
            PARAMS + "." + key,
            type.get() == QueryType.SEARCH
                ? "is not allowed in a search (allowed: " + SEARCH_KEYS_TEXT + ")"
                : "is not allowed in a count (only query is)");
      }
    }
    Optional<QueryCheck.Invalid> treeProblem = walk(params);
    if (treeProblem.isPresent()) {
      return treeProblem.get();
    }
    Optional<QueryCheck.Invalid> limitProblem = limits(params);
    if (limitProblem.isPresent()) {
      return limitProblem.get();
    }
    int effectiveSize =
        type.get() == QueryType.COUNT
            ? 0
            : params.has("size") ? params.get("size").intValue() : DEFAULT_SEARCH_SIZE;
    return new QueryCheck.Valid(index, type.get(), CanonicalJson.sorted(params), effectiveSize);
  }

  /**
   * The cache key of a request: the lower-case hex SHA-256 of the UTF-8 bytes of the RFC 8785
   * canonical JSON of {@code {"index": index, "query_params": params, "query_type": type}}. Two
   * requests that differ only in member order or number spelling ({@code 1.0} and {@code 1E0})
   * share a key. Compute it only from a {@link QueryCheck.Valid} request: an unchecked one may not
   * even be canonicalisable.
   *
   * @throws IllegalArgumentException if {@code params} holds something {@link CanonicalJson}
   *     refuses
   */
  public static String cacheKey(String index, QueryType queryType, JsonNode params) {
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    key.put("index", index);
    key.put("query_type", queryType.wireName());
    key.set("query_params", params);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(CanonicalJson.of(key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  // Depth, node count and forbidden keys in one breadth-first pass without recursion, so a hostile
  // document cannot exhaust the stack before its depth is known.
  private static Optional<QueryCheck.Invalid> walk(JsonNode params) {
    Deque<Step> steps = new ArrayDeque<>();
    steps.add(new Step(params, PARAMS, 1));
    int nodes = 0;
    while (!steps.isEmpty()) {
      Step step = steps.poll();
      if (++nodes > MAX_NODES) {
        return Optional.of(
            new QueryCheck.Invalid(PARAMS, "must hold at most " + MAX_NODES + " JSON values"));
      }
      if (step.node().isContainer() && step.depth() > MAX_DEPTH) {
        return Optional.of(
            new QueryCheck.Invalid(PARAMS, "must be nested at most " + MAX_DEPTH + " levels deep"));
      }
      if (step.node().isObject()) {
        for (Map.Entry<String, JsonNode> member : step.node().properties()) {
          String path = step.path() + "." + member.getKey();
          if (FORBIDDEN_KEYS.contains(member.getKey())) {
            return Optional.of(
                new QueryCheck.Invalid(path, "is not allowed: queries may not run scripts"));
          }
          if (hasLoneSurrogate(member.getKey())) {
            return Optional.of(new QueryCheck.Invalid(step.path(), LONE_SURROGATE));
          }
          steps.add(new Step(member.getValue(), path, step.depth() + 1));
        }
      } else if (step.node().isString() && hasLoneSurrogate(step.node().stringValue())) {
        return Optional.of(new QueryCheck.Invalid(step.path(), LONE_SURROGATE));
      } else if (step.node().isArray()) {
        int i = 0;
        for (JsonNode element : step.node().values()) {
          steps.add(new Step(element, step.path() + "[" + i++ + "]", step.depth() + 1));
        }
      }
    }
    return Optional.empty();
  }

  // A \ud800 escape parses into a string no UTF-8 text (and so no cache key) can hold.
  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private record Step(JsonNode node, String path, int depth) {}

  private static Optional<QueryCheck.Invalid> limits(JsonNode params) {
    JsonNode size = params.get("size");
    if (size != null && !inRange(size, 0, MAX_SIZE)) {
      return Optional.of(
          new QueryCheck.Invalid(PARAMS + ".size", "must be an integer from 0 to " + MAX_SIZE));
    }
    JsonNode from = params.get("from");
    if (from != null && !inRange(from, 0, MAX_WINDOW)) {
      return Optional.of(
          new QueryCheck.Invalid(PARAMS + ".from", "must be an integer from 0 to " + MAX_WINDOW));
    }
    int window =
        (from == null ? 0 : from.intValue())
            + (size == null ? DEFAULT_SEARCH_SIZE : size.intValue());
    if (window > MAX_WINDOW) {
      return Optional.of(
          new QueryCheck.Invalid(
              PARAMS + ".from",
              "plus size must be at most " + MAX_WINDOW + " (it is " + window + ")"));
    }
    JsonNode timeout = params.get("timeout");
    if (timeout != null) {
      Optional<Duration> duration =
          timeout.isString() ? SearchTimeouts.parse(timeout.stringValue()) : Optional.empty();
      if (duration.isEmpty()) {
        return Optional.of(
            new QueryCheck.Invalid(
                PARAMS + ".timeout", "must be a time value such as \"500ms\" or \"5s\""));
      }
      if (duration.get().compareTo(MAX_TIMEOUT) > 0) {
        return Optional.of(new QueryCheck.Invalid(PARAMS + ".timeout", "must be at most 30s"));
      }
    }
    return Optional.empty();
  }

  private static boolean inRange(JsonNode node, int min, int max) {
    if (!node.isIntegralNumber()) {
      return false;
    }
    BigInteger value = node.bigIntegerValue();
    return value.compareTo(BigInteger.valueOf(min)) >= 0
        && value.compareTo(BigInteger.valueOf(max)) <= 0;
  }
}
