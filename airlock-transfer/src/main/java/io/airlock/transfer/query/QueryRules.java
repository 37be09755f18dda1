package io.airlock.transfer.query;

import io.airlock.transfer.records.QueryType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 *   <li>{@code query_params}: a JSON object of at most {@value #MAX_DEPTH} levels (the params
 *       object is level 1) and {@value #MAX_NODES} JSON values, with no unpaired UTF-16 surrogate
 *       (which has no UTF-8 form), that the {@link QueryGrammar} accepts as narrowed by the
 *       deployment's {@link QueryPolicy}: every member at every depth is one the grammar names for
 *       its position, with its type and bounds ({@code size} from 0 to {@value #MAX_SIZE}, {@code
 *       timeout} at most 30 seconds...);
 *   <li>{@code from + size} at most {@value #MAX_WINDOW} (Elasticsearch's default result window).
 * </ul>
 *
 * <p>What needs context stays with the caller: whether the index is in the user's profile and the
 * response side's allow-list, the priority against the profile's maximum, and {@link
 * QueryCheck.Valid#effectiveSize()} against the profile's maximum result size.
 *
 * <p>Rules are checked in a fixed order (index, query type, bounds of the tree, grammar, window)
 * and the first failure is reported, so a request always gets the same answer. The grammar walks
 * the canonical params, so the answer does not depend on the order of members either.
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

  private static final QueryRules STANDARD = new QueryRules(QueryPolicy.STANDARD);

  private static final String PARAMS = "query_params";

  private static final String LONE_SURROGATE =
      "must not contain an unpaired surrogate (\\ud800-\\udfff escape)";

  private final QueryPolicy policy;
  private final GrammarWalk grammar;

  /** The rules with the grammar narrowed by {@code policy}. */
  public QueryRules(QueryPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.grammar = new GrammarWalk(policy);
  }

  /** The rules with the whole grammar, narrowed by nothing. */
  public static QueryRules standard() {
    return STANDARD;
  }

  /** The deployment's narrowing of the grammar these rules apply. */
  public QueryPolicy policy() {
    return policy;
  }

  /**
   * Checks one request against every rule above.
   *
   * @param index the index name as sent (may be null: that is a failure, not an exception)
   * @param queryType the query type's wire name as sent (may be null)
   * @param params the query params as sent (may be null)
   * @return {@link QueryCheck.Valid} with the canonical params, or {@link QueryCheck.Invalid}
   *     naming the first offending field
   */
  public QueryCheck check(String index, String queryType, JsonNode params) {
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
    Optional<QueryCheck.Invalid> treeProblem = walk(params);
    if (treeProblem.isPresent()) {
      return treeProblem.get();
    }
    // A copy, because the grammar writes its forced defaults into the tree it checks (in their
    // canonical places).
    JsonNode canonical = CanonicalJson.sorted(params);
    Shape.Params grammarRoot =
        type.get() == QueryType.SEARCH ? QueryGrammar.search() : QueryGrammar.count();
    Optional<QueryCheck.Invalid> grammarProblem = grammar.check(grammarRoot, canonical, PARAMS);
    if (grammarProblem.isPresent()) {
      return grammarProblem.get();
    }
    Optional<QueryCheck.Invalid> windowProblem = window(canonical);
    if (windowProblem.isPresent()) {
      return windowProblem.get();
    }
    int effectiveSize =
        type.get() == QueryType.COUNT
            ? 0
            : params.has("size") ? params.get("size").intValue() : DEFAULT_SEARCH_SIZE;
    return new QueryCheck.Valid(index, type.get(), canonical, effectiveSize);
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
    // Added in canonical order, so that writing the key sorts none of its own members.
    key.put("index", index);
    key.set("query_params", params);
    key.put("query_type", queryType.wireName());
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

  private static Optional<QueryCheck.Invalid> window(JsonNode params) {
    JsonNode size = params.get("size");
    JsonNode from = params.get("from");
    int window =
        (from == null ? 0 : from.intValue())
            + (size == null ? DEFAULT_SEARCH_SIZE : size.intValue());
    if (window > MAX_WINDOW) {
      return Optional.of(
          new QueryCheck.Invalid(
              PARAMS + ".from",
              "plus size must be at most " + MAX_WINDOW + " (it is " + window + ")"));
    }
    return Optional.empty();
  }
}
