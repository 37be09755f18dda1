package io.airlock.transfer.query;

import static io.airlock.transfer.query.GrammarBuilder.object;
import static io.airlock.transfer.query.GrammarShapes.ANALYZER;
import static io.airlock.transfer.query.GrammarShapes.CLAUSES;
import static io.airlock.transfer.query.GrammarShapes.FIELD;
import static io.airlock.transfer.query.GrammarShapes.FIELDS;
import static io.airlock.transfer.query.GrammarShapes.FLAG;
import static io.airlock.transfer.query.GrammarShapes.FORMAT;
import static io.airlock.transfer.query.GrammarShapes.FUZZINESS;
import static io.airlock.transfer.query.GrammarShapes.LATITUDE;
import static io.airlock.transfer.query.GrammarShapes.LONGITUDE;
import static io.airlock.transfer.query.GrammarShapes.MAX_EXPANSIONS;
import static io.airlock.transfer.query.GrammarShapes.MINIMUM_SHOULD_MATCH;
import static io.airlock.transfer.query.GrammarShapes.NAME;
import static io.airlock.transfer.query.GrammarShapes.NO_PARAMS;
import static io.airlock.transfer.query.GrammarShapes.OPERATOR;
import static io.airlock.transfer.query.GrammarShapes.POINT;
import static io.airlock.transfer.query.GrammarShapes.PREFIX_LENGTH;
import static io.airlock.transfer.query.GrammarShapes.QUERY;
import static io.airlock.transfer.query.GrammarShapes.QUERY_TEXT;
import static io.airlock.transfer.query.GrammarShapes.SLOP;
import static io.airlock.transfer.query.GrammarShapes.TIE_BREAKER;
import static io.airlock.transfer.query.GrammarShapes.TIME_ZONE;
import static io.airlock.transfer.query.GrammarShapes.VALUE;
import static io.airlock.transfer.query.GrammarShapes.ZERO_TERMS;
import static io.airlock.transfer.query.GrammarShapes.words;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The query clauses of the {@link QueryGrammar}, with their parameters and an example each. */
final class QueryClauses {

  private QueryClauses() {}

  static Map<String, QueryGrammar.Clause> table() {
    Map<String, QueryGrammar.Clause> table = new LinkedHashMap<>();
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
            FieldKind.TERM_FIELD,
            VALUE,
            object("term").required("value", VALUE).optional("case_insensitive", FLAG).scored()),
        "{\"term\":{\"severity\":{\"value\":\"critical\"}}}");
    add(
        table,
        "terms",
        new Shape.FieldKeyed(
            "terms",
            FieldKind.TERM_FIELD,
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
            .required("queries", new Shape.ListOf(QUERY, 1, QueryGrammar.MAX_CLAUSES, ""))
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

  private static Shape shortOrLong(String name, Shape shortForm, GrammarBuilder longForm) {
    return shortOrLong(name, FieldKind.FIELD, shortForm, longForm);
  }

  private static Shape shortOrLong(
      String name, FieldKind field, Shape shortForm, GrammarBuilder longForm) {
    return new Shape.FieldKeyed(
        name, field, new Shape.Either(List.of(shortForm, longForm.build())), NO_PARAMS);
  }

  private static void add(
      Map<String, QueryGrammar.Clause> table, String name, Shape body, String example) {
    table.put(name, new QueryGrammar.Clause(name, body, example));
  }
}
