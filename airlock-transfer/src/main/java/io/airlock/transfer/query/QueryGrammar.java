package io.airlock.transfer.query;

import static io.airlock.transfer.query.GrammarBuilder.object;

import java.util.Collections;
import java.util.LinkedHashMap;
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

  static final Shape BOOST = new Shape.Decimal(0, 10_000);
  static final Shape NAME = new Shape.Text(128, TextRule.NAME);
  private static final Shape VALUE = new Shape.Value(1024);
  private static final Shape FIELD = new Shape.Field(FieldKind.FIELD);
  private static final Shape FIELDS =
      new Shape.ListOf(new Shape.Field(FieldKind.BOOSTED_PATTERN), 1, 100, "");
  private static final Shape PATTERNS =
      new Shape.ListOf(new Shape.Field(FieldKind.PATTERN), 0, 100, "");
  private static final Shape FLAG = new Shape.Flag(Optional.empty());
  private static final Shape QUERY = new Shape.Query();
  private static final Shape CLAUSES = new Shape.OneOrList(QUERY, MAX_CLAUSES);
  private static final Shape MINIMUM_SHOULD_MATCH =
      new Shape.Either(
          List.of(
              new Shape.Int(-10_000, 10_000), new Shape.Text(32, TextRule.MINIMUM_SHOULD_MATCH)));
  private static final Shape FUZZINESS =
      new Shape.Either(List.of(new Shape.Int(0, 2), new Shape.Text(16, TextRule.FUZZINESS)));
  private static final Shape OPERATOR = words("or", "and", "OR", "AND");
  private static final Shape ANALYZER = new Shape.Text(128, TextRule.ANALYZER);
  private static final Shape ZERO_TERMS = words("none", "all");
  private static final Shape MAX_EXPANSIONS = new Shape.Int(1, 50);
  private static final Shape PREFIX_LENGTH = new Shape.Int(0, 10);
  private static final Shape SLOP = new Shape.Int(0, 100);
  private static final Shape TIE_BREAKER = new Shape.Decimal(0, 1);
  private static final Shape TIME_ZONE = new Shape.Text(64, TextRule.TIME_ZONE);
  private static final Shape FORMAT = new Shape.Text(64, TextRule.ANY);
  private static final Shape QUERY_TEXT = new Shape.Text(4096, TextRule.QUERY_TEXT);
  private static final Shape ORDER = words("asc", "desc");
  private static final Shape LATITUDE = new Shape.Decimal(-90, 90);
  private static final Shape LONGITUDE = new Shape.Decimal(-180, 180);
  private static final Shape POINT =
      new Shape.Either(
          List.of(
              object("point").required("lat", LATITUDE).required("lon", LONGITUDE).build(),
              new Shape.ListOf(new Shape.Decimal(-180, 180), 2, 2, "[lon, lat]"),
              new Shape.Text(64, TextRule.GEO_POINT)));
  private static final Shape.Params NO_PARAMS = object("").build();

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

  private static final Shape SORT = new Shape.OneOrList(sortElement(), 20);
  private static final Shape SOURCE = sourceShape();
  private static final Map<String, Clause> CLAUSE_TABLE = clauses();
  private static final Map<String, Aggregation> AGGREGATION_TABLE = aggregations();

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

  private static Map<String, Clause> clauses() {
    Map<String, Clause> table = new LinkedHashMap<>();
    add(table, "match_all", object("match_all").scored().build(), "{\"match_all\":{}}");
    add(
        table,
        "match_none",
        object("match_none").optional("_name", NAME).build(),
        "{\"match_none\":{}}");
    add(
        table,
        "match",
        shortOrLong(
            "match",
            VALUE,
            object("match")
                .required("query", VALUE)
                .optional("operator", OPERATOR)
                .optional("minimum_should_match", MINIMUM_SHOULD_MATCH)
                .optional("fuzziness", FUZZINESS)
                .optional("prefix_length", PREFIX_LENGTH)
                .optional("max_expansions", MAX_EXPANSIONS)
                .optional("fuzzy_transpositions", FLAG)
                .optional("lenient", FLAG)
                .optional("zero_terms_query", ZERO_TERMS)
                .optional("analyzer", ANALYZER)
                .optional("auto_generate_synonyms_phrase_query", FLAG)
                .scored()),
        "{\"match\":{\"title\":{\"query\":\"disk failure\",\"operator\":\"and\"}}}");
    add(
        table,
        "match_phrase",
        shortOrLong(
            "match_phrase",
            VALUE,
            object("match_phrase")
                .required("query", VALUE)
                .optional("slop", SLOP)
                .optional("analyzer", ANALYZER)
                .optional("zero_terms_query", ZERO_TERMS)
                .scored()),
        "{\"match_phrase\":{\"title\":{\"query\":\"disk failure\",\"slop\":1}}}");
    add(
        table,
        "match_phrase_prefix",
        shortOrLong(
            "match_phrase_prefix",
            VALUE,
            object("match_phrase_prefix")
                .required("query", VALUE)
                .optional("slop", SLOP)
                .optional("max_expansions", MAX_EXPANSIONS)
                .optional("analyzer", ANALYZER)
                .optional("zero_terms_query", ZERO_TERMS)
                .scored()),
        "{\"match_phrase_prefix\":{\"title\":{\"query\":\"disk fai\",\"max_expansions\":10}}}");
    add(
        table,
        "multi_match",
        object("multi_match")
            .required("query", VALUE)
            .optional("fields", FIELDS)
            .optional(
                "type",
                words(
                    "best_fields",
                    "most_fields",
                    "cross_fields",
                    "phrase",
                    "phrase_prefix",
                    "bool_prefix"))
            .optional("operator", OPERATOR)
            .optional("minimum_should_match", MINIMUM_SHOULD_MATCH)
            .optional("tie_breaker", TIE_BREAKER)
            .optional("fuzziness", FUZZINESS)
            .optional("prefix_length", PREFIX_LENGTH)
            .optional("max_expansions", MAX_EXPANSIONS)
            .optional("slop", SLOP)
            .optional("analyzer", ANALYZER)
            .optional("lenient", FLAG)
            .optional("zero_terms_query", ZERO_TERMS)
            .optional("auto_generate_synonyms_phrase_query", FLAG)
            .scored()
            .build(),
        "{\"multi_match\":{\"query\":\"disk\",\"fields\":[\"title^2\",\"description\"],"
            + "\"type\":\"best_fields\"}}");
    add(
        table,
        "term",
        shortOrLong(
            "term",
            VALUE,
            object("term").required("value", VALUE).optional("case_insensitive", FLAG).scored()),
        "{\"term\":{\"severity\":{\"value\":\"critical\"}}}");
    add(
        table,
        "terms",
        new Shape.FieldKeyed(
            "terms",
            FieldKind.FIELD,
            new Shape.ListOf(
                VALUE,
                0,
                1000,
                "a terms lookup (an object here) would read a document of another index"),
            object("terms").scored().build()),
        "{\"terms\":{\"severity\":[\"critical\",\"high\"]}}");
    add(
        table,
        "range",
        new Shape.FieldKeyed(
            "range",
            FieldKind.FIELD,
            object("range")
                .optional("gt", VALUE)
                .optional("gte", VALUE)
                .optional("lt", VALUE)
                .optional("lte", VALUE)
                .optional("format", FORMAT)
                .optional("time_zone", TIME_ZONE)
                .optional("relation", words("INTERSECTS", "CONTAINS", "WITHIN"))
                .scored()
                .build(),
            NO_PARAMS),
        "{\"range\":{\"reported_at\":{\"gte\":\"2020-01-01\",\"lt\":\"now\"}}}");
    add(
        table,
        "exists",
        object("exists").required("field", FIELD).scored().build(),
        "{\"exists\":{\"field\":\"title\"}}");
    add(
        table,
        "prefix",
        shortOrLong(
            "prefix",
            new Shape.Text(256, TextRule.ANY),
            object("prefix")
                .required("value", new Shape.Text(256, TextRule.ANY))
                .optional("case_insensitive", FLAG)
                .scored()),
        "{\"prefix\":{\"severity\":{\"value\":\"crit\"}}}");
    add(
        table,
        "ids",
        object("ids")
            .required("values", new Shape.ListOf(new Shape.Text(512, TextRule.ANY), 0, 1000, ""))
            .scored()
            .build(),
        "{\"ids\":{\"values\":[\"1\",\"2\"]}}");
    add(
        table,
        "bool",
        object("bool")
            .optional("must", CLAUSES)
            .optional("should", CLAUSES)
            .optional("filter", CLAUSES)
            .optional("must_not", CLAUSES)
            .optional("minimum_should_match", MINIMUM_SHOULD_MATCH)
            .scored()
            .build(),
        "{\"bool\":{\"must\":[{\"match\":{\"title\":\"disk\"}}],"
            + "\"filter\":[{\"term\":{\"severity\":\"critical\"}}],"
            + "\"must_not\":{\"term\":{\"severity\":\"low\"}}}}");
    add(
        table,
        "constant_score",
        object("constant_score").required("filter", QUERY).scored().build(),
        "{\"constant_score\":{\"filter\":{\"term\":{\"severity\":\"critical\"}},\"boost\":1.5}}");
    add(
        table,
        "boosting",
        object("boosting")
            .required("positive", QUERY)
            .required("negative", QUERY)
            .required("negative_boost", new Shape.Decimal(0, 1))
            .scored()
            .build(),
        "{\"boosting\":{\"positive\":{\"match\":{\"title\":\"disk\"}},"
            + "\"negative\":{\"term\":{\"severity\":\"low\"}},\"negative_boost\":0.5}}");
    add(
        table,
        "dis_max",
        object("dis_max")
            .required("queries", new Shape.ListOf(QUERY, 1, MAX_CLAUSES, ""))
            .optional("tie_breaker", TIE_BREAKER)
            .scored()
            .build(),
        "{\"dis_max\":{\"queries\":[{\"match\":{\"title\":\"disk\"}},"
            + "{\"match\":{\"description\":\"disk\"}}],\"tie_breaker\":0.7}}");
    add(
        table,
        "nested",
        object("nested")
            .required("path", FIELD)
            .required("query", QUERY)
            .optional("score_mode", words("avg", "max", "min", "none", "sum"))
            .optional("ignore_unmapped", FLAG)
            .scored()
            .build(),
        "{\"nested\":{\"path\":\"comments\",\"query\":{\"term\":{\"comments.author\":\"ann\"}},"
            + "\"score_mode\":\"avg\"}}");
    add(
        table,
        "simple_query_string",
        object("simple_query_string")
            .required("query", QUERY_TEXT)
            .optional("fields", FIELDS)
            .optional("default_operator", OPERATOR)
            .optional("analyzer", ANALYZER)
            .optional("flags", new Shape.Text(128, TextRule.SIMPLE_QUERY_FLAGS))
            .optional("fuzzy_max_expansions", MAX_EXPANSIONS)
            .optional("fuzzy_prefix_length", PREFIX_LENGTH)
            .optional("fuzzy_transpositions", FLAG)
            .optional("lenient", FLAG)
            .optional("minimum_should_match", MINIMUM_SHOULD_MATCH)
            .optional("quote_field_suffix", new Shape.Text(64, TextRule.ANALYZER))
            .optional("analyze_wildcard", FLAG)
            .optional("auto_generate_synonyms_phrase_query", FLAG)
            .scored()
            .build(),
        "{\"simple_query_string\":{\"query\":\"disk + failure\","
            + "\"fields\":[\"title\",\"description\"],\"default_operator\":\"and\"}}");
    add(
        table,
        "query_string",
        object("query_string")
            .required("query", QUERY_TEXT)
            .optional("default_field", new Shape.Field(FieldKind.PATTERN))
            .optional("fields", FIELDS)
            .optional("default_operator", OPERATOR)
            .optional("analyzer", ANALYZER)
            .optional("quote_analyzer", ANALYZER)
            .forced("allow_leading_wildcard", false)
            .optional("analyze_wildcard", FLAG)
            .optional("enable_position_increments", FLAG)
            .optional("fuzziness", FUZZINESS)
            .optional("fuzzy_max_expansions", MAX_EXPANSIONS)
            .optional("fuzzy_prefix_length", PREFIX_LENGTH)
            .optional("fuzzy_transpositions", FLAG)
            .optional("lenient", FLAG)
            .optional("max_determinized_states", new Shape.Int(1, 10_000))
            .optional("minimum_should_match", MINIMUM_SHOULD_MATCH)
            .optional("quote_field_suffix", new Shape.Text(64, TextRule.ANALYZER))
            .optional("phrase_slop", SLOP)
            .optional("time_zone", TIME_ZONE)
            .optional(
                "type",
                words("best_fields", "most_fields", "cross_fields", "phrase", "phrase_prefix"))
            .optional("tie_breaker", TIE_BREAKER)
            .optional("auto_generate_synonyms_phrase_query", FLAG)
            .scored()
            .build(),
        "{\"query_string\":{\"query\":\"title:disk AND severity:critical\","
            + "\"default_field\":\"description\"}}");
    add(
        table,
        "wildcard",
        shortOrLong(
            "wildcard",
            new Shape.Text(128, TextRule.WILDCARD),
            object("wildcard")
                .required("value", new Shape.Text(128, TextRule.WILDCARD))
                .optional("case_insensitive", FLAG)
                .scored()),
        "{\"wildcard\":{\"severity\":{\"value\":\"cri*al\"}}}");
    add(
        table,
        "regexp",
        shortOrLong(
            "regexp",
            new Shape.Text(128, TextRule.REGEXP),
            object("regexp")
                .required("value", new Shape.Text(128, TextRule.REGEXP))
                .optional("flags", new Shape.Text(128, TextRule.REGEXP_FLAGS))
                .optional("max_determinized_states", new Shape.Int(1, 10_000))
                .optional("case_insensitive", FLAG)
                .scored()),
        "{\"regexp\":{\"severity\":{\"value\":\"crit.*\",\"flags\":\"NONE\"}}}");
    add(
        table,
        "fuzzy",
        shortOrLong(
            "fuzzy",
            new Shape.Text(256, TextRule.ANY),
            object("fuzzy")
                .required("value", new Shape.Text(256, TextRule.ANY))
                .optional("fuzziness", FUZZINESS)
                .optional("max_expansions", MAX_EXPANSIONS)
                .optional("prefix_length", PREFIX_LENGTH)
                .optional("transpositions", FLAG)
                .scored()),
        "{\"fuzzy\":{\"title\":{\"value\":\"disc\",\"fuzziness\":\"AUTO\",\"max_expansions\":20}}}");
    add(
        table,
        "geo_distance",
        new Shape.FieldKeyed(
            "geo_distance",
            FieldKind.FIELD,
            POINT,
            object("geo_distance")
                .required(
                    "distance",
                    new Shape.Either(
                        List.of(
                            new Shape.Decimal(0, 50_000_000),
                            new Shape.Text(32, TextRule.DISTANCE))))
                .optional("distance_type", words("arc", "plane"))
                .optional("validation_method", words("STRICT", "IGNORE_MALFORMED", "COERCE"))
                .optional("ignore_unmapped", FLAG)
                .scored()
                .build()),
        "{\"geo_distance\":{\"distance\":\"200km\",\"location\":{\"lat\":52.37,\"lon\":4.89}}}");
    add(
        table,
        "geo_bounding_box",
        new Shape.FieldKeyed(
            "geo_bounding_box",
            FieldKind.FIELD,
            object("bounding box")
                .optional("top_left", POINT)
                .optional("bottom_right", POINT)
                .optional("top_right", POINT)
                .optional("bottom_left", POINT)
                .optional("top", LATITUDE)
                .optional("left", LONGITUDE)
                .optional("bottom", LATITUDE)
                .optional("right", LONGITUDE)
                .optional("wkt", new Shape.Text(256, TextRule.BBOX))
                .build(),
            object("geo_bounding_box")
                .optional("validation_method", words("STRICT", "IGNORE_MALFORMED", "COERCE"))
                .optional("ignore_unmapped", FLAG)
                .scored()
                .build()),
        "{\"geo_bounding_box\":{\"location\":{\"top_left\":{\"lat\":53.0,\"lon\":4.0},"
            + "\"bottom_right\":{\"lat\":52.0,\"lon\":5.0}}}}");
    return Collections.unmodifiableMap(table);
  }

  private static Map<String, Aggregation> aggregations() {
    Map<String, Aggregation> table = new LinkedHashMap<>();
    for (String metric : List.of("avg", "sum", "min", "max", "value_count")) {
      metric(table, metric, metricField(metric).build(), "{\"field\":\"score\"}");
    }
    metric(
        table,
        "cardinality",
        metricField("cardinality")
            .optional("precision_threshold", new Shape.Int(0, 40_000))
            .build(),
        "{\"field\":\"severity\",\"precision_threshold\":100}");
    metric(table, "stats", metricField("stats").build(), "{\"field\":\"score\"}");
    metric(
        table,
        "extended_stats",
        metricField("extended_stats").optional("sigma", new Shape.Decimal(0, 100)).build(),
        "{\"field\":\"score\",\"sigma\":2}");
    metric(
        table,
        "percentiles",
        metricField("percentiles")
            .optional("percents", new Shape.ListOf(new Shape.Decimal(0, 100), 1, 100, ""))
            .optional("keyed", FLAG)
            .build(),
        "{\"field\":\"score\",\"percents\":[50,95,99]}");
    table.put(
        "top_hits",
        new Aggregation(
            "top_hits",
            object("top_hits")
                .optional("size", new Shape.Int(0, 100))
                .optional("from", new Shape.Int(0, 100))
                .optional("sort", SORT)
                .optional("_source", SOURCE)
                .optional("track_scores", FLAG)
                .build(),
            false,
            body -> integer(body, "size", 3),
            "counts its size (default 3) as buckets",
            example(
                "top_hits",
                "{\"size\":3,\"sort\":[{\"reported_at\":\"desc\"}],\"_source\":[\"title\"]}")));
    bucket(
        table,
        "terms",
        object("terms")
            .required("field", FIELD)
            .optional("size", new Shape.Int(1, MAX_BUCKET_BUDGET))
            .optional("min_doc_count", new Shape.Int(0, Integer.MAX_VALUE))
            .optional("order", bucketOrder())
            .optional("missing", VALUE)
            .optional("show_term_doc_count_error", FLAG)
            .optional("format", FORMAT)
            .build(),
        body -> integer(body, "size", 10),
        "size (default 10)",
        "{\"field\":\"severity\",\"size\":10,\"order\":{\"_count\":\"desc\"}}");
    bucket(
        table,
        "histogram",
        histogram("histogram")
            .required("interval", new Shape.Decimal(Double.MIN_NORMAL, 1e15))
            .optional("offset", new Shape.Decimal(-1e15, 1e15))
            .build(),
        body -> HISTOGRAM_BUCKETS,
        "counts as " + HISTOGRAM_BUCKETS,
        "{\"field\":\"score\",\"interval\":10,\"min_doc_count\":1}");
    bucket(
        table,
        "date_histogram",
        histogram("date_histogram")
            .optional(
                "calendar_interval",
                words(
                    "minute", "1m", "hour", "1h", "day", "1d", "week", "1w", "month", "1M",
                    "quarter", "1q", "year", "1y"))
            .optional("fixed_interval", new Shape.Text(16, TextRule.INTERVAL))
            .optional("offset", new Shape.Text(16, TextRule.INTERVAL))
            .optional("time_zone", TIME_ZONE)
            .build(),
        body -> HISTOGRAM_BUCKETS,
        "counts as " + HISTOGRAM_BUCKETS,
        "{\"field\":\"reported_at\",\"calendar_interval\":\"month\",\"min_doc_count\":1}");
    bucket(
        table,
        "range",
        ranges("range", VALUE).build(),
        body -> body.path("ranges").size(),
        "the number of ranges",
        "{\"field\":\"score\",\"ranges\":[{\"to\":50},{\"from\":50}]}");
    bucket(
        table,
        "date_range",
        ranges("date_range", VALUE).optional("time_zone", TIME_ZONE).build(),
        body -> body.path("ranges").size(),
        "the number of ranges",
        "{\"field\":\"reported_at\",\"ranges\":[{\"to\":\"now-1M/M\"},{\"from\":\"now-1M/M\"}]}");
    bucket(table, "filter", QUERY, body -> 1, "1", "{\"term\":{\"severity\":\"critical\"}}");
    bucket(
        table,
        "filters",
        object("filters")
            .required(
                "filters",
                new Shape.Either(
                    List.of(
                        new Shape.Named(NAME, QUERY, MAX_CLAUSES),
                        new Shape.ListOf(QUERY, 1, MAX_CLAUSES, ""))))
            .optional("other_bucket", FLAG)
            .optional("other_bucket_key", NAME)
            .build(),
        body ->
            body.path("filters").size()
                + (body.path("other_bucket").asBoolean(false) || body.has("other_bucket_key")
                    ? 1
                    : 0),
        "the number of filters (+1 for the other bucket)",
        "{\"filters\":{\"critical\":{\"term\":{\"severity\":\"critical\"}},"
            + "\"high\":{\"term\":{\"severity\":\"high\"}}},\"other_bucket\":true}");
    bucket(
        table,
        "missing",
        object("missing").required("field", FIELD).build(),
        body -> 1,
        "1",
        "{\"field\":\"severity\"}");
    bucket(
        table,
        "nested",
        object("nested").required("path", FIELD).build(),
        body -> 1,
        "1",
        "{\"path\":\"comments\"}");
    bucket(
        table,
        "composite",
        object("composite")
            .required(
                "sources", new Shape.ListOf(new Shape.Named(NAME, compositeSource(), 1), 1, 10, ""))
            .optional("size", new Shape.Int(1, MAX_BUCKET_BUDGET))
            .optional("after", new Shape.Named(NAME, VALUE, 10))
            .build(),
        body -> integer(body, "size", 10),
        "size (default 10)",
        "{\"size\":100,\"sources\":[{\"severity\":{\"terms\":{\"field\":\"severity\"}}}]}");
    return Collections.unmodifiableMap(table);
  }

  private static Shape sortElement() {
    return new Shape.Either(
        List.of(
            new Shape.Field(FieldKind.SORT),
            new Shape.FieldKeyed(
                "sort",
                FieldKind.SORT,
                new Shape.Either(
                    List.of(
                        ORDER,
                        object("sort")
                            .optional("order", ORDER)
                            .optional("mode", words("min", "max", "sum", "avg", "median"))
                            .optional(
                                "missing",
                                new Shape.Either(
                                    List.of(
                                        words("_last", "_first"),
                                        new Shape.Decimal(-1e300, 1e300))))
                            .optional(
                                "unmapped_type",
                                words(
                                    "keyword", "text", "long", "integer", "short", "byte", "double",
                                    "float", "date", "boolean"))
                            .optional("numeric_type", words("double", "long", "date", "date_nanos"))
                            .optional("format", FORMAT)
                            .build())),
                NO_PARAMS)));
  }

  private static Shape sourceShape() {
    return new Shape.Either(
        List.of(
            FLAG,
            new Shape.Field(FieldKind.PATTERN),
            PATTERNS,
            object("_source")
                .optional("includes", PATTERNS)
                .optional("excludes", PATTERNS)
                .build()));
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

  private static Shape bucketOrder() {
    Shape one = new Shape.Named(NAME, ORDER, 1);
    return new Shape.Either(List.of(one, new Shape.ListOf(one, 1, 3, "")));
  }

  private static Shape compositeSource() {
    return object("composite source")
        .optional(
            "terms",
            object("terms source")
                .required("field", FIELD)
                .optional("order", ORDER)
                .optional("missing_bucket", FLAG)
                .build())
        .optional(
            "histogram",
            object("histogram source")
                .required("field", FIELD)
                .required("interval", new Shape.Decimal(Double.MIN_NORMAL, 1e15))
                .optional("order", ORDER)
                .optional("missing_bucket", FLAG)
                .build())
        .optional(
            "date_histogram",
            object("date_histogram source")
                .required("field", FIELD)
                .optional(
                    "calendar_interval",
                    words("minute", "hour", "day", "week", "month", "quarter", "year"))
                .optional("fixed_interval", new Shape.Text(16, TextRule.INTERVAL))
                .optional("time_zone", TIME_ZONE)
                .optional("format", FORMAT)
                .optional("order", ORDER)
                .optional("missing_bucket", FLAG)
                .build())
        .build();
  }

  private static GrammarBuilder metricField(String name) {
    return object(name)
        .required("field", FIELD)
        .optional("missing", VALUE)
        .optional("format", FORMAT);
  }

  private static GrammarBuilder histogram(String name) {
    return object(name)
        .required("field", FIELD)
        .optional("min_doc_count", new Shape.Int(0, Integer.MAX_VALUE))
        .optional("keyed", FLAG)
        .optional("missing", VALUE)
        .optional("format", FORMAT)
        .optional("order", bucketOrder());
  }

  private static GrammarBuilder ranges(String name, Shape bound) {
    Shape range =
        object(name + " range")
            .optional("from", bound)
            .optional("to", bound)
            .optional("key", NAME)
            .build();
    return object(name)
        .required("field", FIELD)
        .required("ranges", new Shape.ListOf(range, 1, 100, ""))
        .optional("keyed", FLAG)
        .optional("missing", VALUE)
        .optional("format", FORMAT);
  }

  private static Shape shortOrLong(String name, Shape shortForm, GrammarBuilder longForm) {
    return new Shape.FieldKeyed(
        name, FieldKind.FIELD, new Shape.Either(List.of(shortForm, longForm.build())), NO_PARAMS);
  }

  private static void add(Map<String, Clause> table, String name, Shape body, String example) {
    table.put(name, new Clause(name, body, example));
  }

  private static void metric(
      Map<String, Aggregation> table, String name, Shape body, String example) {
    table.put(name, new Aggregation(name, body, false, b -> 1, "1", example(name, example)));
  }

  private static void bucket(
      Map<String, Aggregation> table,
      String name,
      Shape body,
      ToLongFunction<JsonNode> buckets,
      String bounds,
      String example) {
    table.put(name, new Aggregation(name, body, true, buckets, bounds, example(name, example)));
  }

  private static String example(String name, String body) {
    return "{\"" + name.replace('_', '-') + "\":{\"" + name + "\":" + body + "}}";
  }

  private static long integer(JsonNode body, String name, long otherwise) {
    JsonNode value = body.get(name);
    return value == null ? otherwise : value.longValue();
  }

  private static Shape words(String... words) {
    return new Shape.Word(List.of(words));
  }
}
