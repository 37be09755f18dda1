package io.airlock.transfer.query;

import static io.airlock.transfer.query.GrammarBuilder.object;
import static io.airlock.transfer.query.GrammarShapes.FLAG;
import static io.airlock.transfer.query.GrammarShapes.QUERY;
import static io.airlock.transfer.query.GrammarShapes.SORT;
import static io.airlock.transfer.query.GrammarShapes.SOURCE;
import static io.airlock.transfer.query.GrammarShapes.words;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import tools.jackson.databind.JsonNode;

/**
 * The allow-list grammar of the query DSL (DESIGN §3): every query clause, aggregation and search
 * section a request may use, with the parameters each takes and their types and bounds. What is not
 * named here cannot be written, so nothing can reach outside the index the request names: a {@code
 * terms} lookup is an object where {@code terms} takes only a list of values, a document or shape
 * of another index has no clause to live in, no parameter takes a script object, and no field name
 * may be {@code _index}.
 *
 * <p>Both sides check every query against the same grammar ({@link QueryRules}); operators may
 * narrow it per deployment ({@link QueryPolicy}), never widen it. {@code docs/query-language.md}
 * documents it as a table that a test keeps equal to these tables.
 */
public final class QueryGrammar {

  /**
   * The grammar's version, reported by both sides in {@code /actuator/info}. Raised whenever what
   * the grammar accepts changes.
   */
  public static final int VERSION = 1;

  /** Most buckets the sizes down any path of aggregations may multiply to. */
  public static final int MAX_BUCKET_BUDGET = 10_000;

  /** Deepest nesting of aggregations: top-level aggregations are level 1. */
  public static final int MAX_AGGREGATION_DEPTH = 3;

  /**
   * What a {@code histogram} or {@code date_histogram} counts as in the bucket budget. Their real
   * number of buckets depends on the data; the engine's own {@code search.max_buckets} caps it.
   */
  public static final int HISTOGRAM_BUCKETS = 100;

  /** Most clauses in one list ({@code bool.must}, {@code dis_max.queries}...). */
  public static final int MAX_CLAUSES = 100;

  /**
   * A query clause the grammar accepts.
   *
   * @param name the clause's key, e.g. {@code match}
   * @param body what the clause's value may be
   * @param example a query holding the clause, which the tests run on every supported engine
   */
  public record Clause(String name, Shape body, String example) {}

  /**
   * An aggregation the grammar accepts.
   *
   * @param name the aggregation's type, e.g. {@code terms}
   * @param body what the aggregation's value may be
   * @param bucket whether it makes buckets, and so may hold sub-aggregations
   * @param buckets how many buckets (or hits, for {@code top_hits}) a valid body asks for at most:
   *     what it multiplies the bucket budget's product by
   * @param bounds the bound that {@code buckets} reads, for the documentation
   * @param example an {@code aggs} object holding the aggregation, run by the tests like the
   *     clauses' examples
   */
  public record Aggregation(
      String name,
      Shape body,
      boolean bucket,
      ToLongFunction<JsonNode> buckets,
      String bounds,
      String example) {}

  private static final Map<String, Clause> CLAUSE_TABLE = QueryClauses.table();
  private static final Map<String, Aggregation> AGGREGATION_TABLE = AggregationTypes.table();

  private static final Shape.Params SEARCH =
      object("a search")
          .optional("query", QUERY)
          .optional("size", new Shape.Int(0, QueryRules.MAX_SIZE))
          .optional("from", new Shape.Int(0, QueryRules.MAX_WINDOW))
          .optional("sort", SORT)
          .optional("_source", SOURCE)
          .optional("aggs", new Shape.Aggregations())
          .optional("highlight", highlight())
          .optional("timeout", new Shape.Text(32, TextRule.SEARCH_TIMEOUT))
          .build();

  private static final Shape.Params COUNT = object("a count").optional("query", QUERY).build();

  /**
   * Why well-known constructs that the grammar leaves out are left out, so that a refusal can say
   * more than "not allowed". Only for messages: what is not in the tables is refused whether or not
   * it is named here.
   */
  private static final Map<String, String> LEFT_OUT =
      Map.ofEntries(
          Map.entry("more_like_this", "it can read documents of another index"),
          Map.entry("percolate", "it can read a stored document of another index"),
          Map.entry("geo_shape", "it can read an indexed shape of another index"),
          Map.entry("shape", "it can read an indexed shape of another index"),
          Map.entry("indexed_shape", "it reads a shape from another index"),
          Map.entry("wrapper", "it hides a whole query in base64"),
          Map.entry("terms_set", "it can run a script"),
          Map.entry("function_score", "it can run a script"),
          Map.entry("script", "queries may not run scripts"),
          Map.entry("script_score", "queries may not run scripts"),
          Map.entry("scripted_metric", "queries may not run scripts"),
          Map.entry("script_fields", "queries may not run scripts"),
          Map.entry("bucket_script", "queries may not run scripts"),
          Map.entry("bucket_selector", "queries may not run scripts"),
          Map.entry("runtime_mappings", "queries may not run scripts"),
          Map.entry("_script", "queries may not run scripts"),
          Map.entry("stored_fields", "it reads stored fields outside _source"),
          Map.entry("explain", "it explains the engine's scoring internals"),
          Map.entry("inner_hits", "it returns hits outside the grammar's own bounds"),
          Map.entry("_index", "a query may name no index but the one the request names"),
          Map.entry("index", "a query may name no index but the one the request names"),
          Map.entry("id", "a query may not look up stored documents"));

  private QueryGrammar() {}

  /** Every query clause, in the order the documentation lists them. */
  public static Map<String, Clause> clauseTable() {
    return CLAUSE_TABLE;
  }

  /** Every aggregation, in the order the documentation lists them. */
  public static Map<String, Aggregation> aggregationTable() {
    return AGGREGATION_TABLE;
  }

  /** The params of a {@code search}. */
  public static Shape.Params search() {
    return SEARCH;
  }

  /** The params of a {@code count}. */
  public static Shape.Params count() {
    return COUNT;
  }

  /** Why the grammar leaves out the construct {@code key}, when it is a well-known one. */
  static Optional<String> whyLeftOut(String key) {
    return Optional.ofNullable(LEFT_OUT.get(key));
  }

  private static Shape highlight() {
    Shape.Params field = highlightOptions(object("highlight field")).build();
    Shape fields =
        new Shape.Either(
            List.of(
                new Shape.Named(new Shape.Field(FieldKind.PATTERN), field, 50),
                new Shape.ListOf(
                    new Shape.Named(new Shape.Field(FieldKind.PATTERN), field, 1), 1, 50, "")));
    return highlightOptions(object("highlight")).required("fields", fields).build();
  }

  private static GrammarBuilder highlightOptions(GrammarBuilder options) {
    Shape tags = new Shape.ListOf(new Shape.Text(64, TextRule.ANY), 1, 10, "");
    return options
        .optional("type", words("unified", "plain", "fvh"))
        .optional("fragment_size", new Shape.Int(0, 10_000))
        .optional("number_of_fragments", new Shape.Int(0, 100))
        .optional("no_match_size", new Shape.Int(0, 10_000))
        .optional("pre_tags", tags)
        .optional("post_tags", tags)
        .optional("order", words("score", "none"))
        .optional("require_field_match", FLAG)
        .optional("fragmenter", words("simple", "span"))
        .optional("boundary_scanner", words("chars", "sentence", "word"))
        .optional("encoder", words("default", "html"))
        .optional("max_analyzed_offset", new Shape.Int(1, 1_000_000))
        .optional("highlight_query", QUERY);
  }
}
