package io.airlock.transfer.query;

import static io.airlock.transfer.query.GrammarBuilder.object;
import static io.airlock.transfer.query.GrammarShapes.FIELD;
import static io.airlock.transfer.query.GrammarShapes.FLAG;
import static io.airlock.transfer.query.GrammarShapes.FORMAT;
import static io.airlock.transfer.query.GrammarShapes.NAME;
import static io.airlock.transfer.query.GrammarShapes.ORDER;
import static io.airlock.transfer.query.GrammarShapes.QUERY;
import static io.airlock.transfer.query.GrammarShapes.SORT;
import static io.airlock.transfer.query.GrammarShapes.SOURCE;
import static io.airlock.transfer.query.GrammarShapes.TIME_ZONE;
import static io.airlock.transfer.query.GrammarShapes.VALUE;
import static io.airlock.transfer.query.GrammarShapes.words;
import static io.airlock.transfer.query.QueryGrammar.HISTOGRAM_BUCKETS;
import static io.airlock.transfer.query.QueryGrammar.MAX_BUCKET_BUDGET;
import static io.airlock.transfer.query.QueryGrammar.MAX_CLAUSES;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import tools.jackson.databind.JsonNode;

/**
 * The aggregations of the {@link QueryGrammar}: their parameters, whether they make buckets, and
 * how many they count for in the bucket budget.
 */
final class AggregationTypes {

  private AggregationTypes() {}

  static Map<String, QueryGrammar.Aggregation> table() {
    Map<String, QueryGrammar.Aggregation> table = new LinkedHashMap<>();
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
        new QueryGrammar.Aggregation(
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
        // The engine's default, 0, fills the whole range with empty buckets: a 1 ms interval over
        // months of data trips its memory breaker. From 1, there are no more buckets than hits.
        .atLeast("min_doc_count", new Shape.Int(1, Integer.MAX_VALUE))
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

  private static void metric(
      Map<String, QueryGrammar.Aggregation> table, String name, Shape body, String example) {
    table.put(
        name, new QueryGrammar.Aggregation(name, body, false, b -> 1, "1", example(name, example)));
  }

  private static void bucket(
      Map<String, QueryGrammar.Aggregation> table,
      String name,
      Shape body,
      ToLongFunction<JsonNode> buckets,
      String bounds,
      String example) {
    table.put(
        name,
        new QueryGrammar.Aggregation(name, body, true, buckets, bounds, example(name, example)));
  }

  private static String example(String name, String body) {
    return "{\"" + name.replace('_', '-') + "\":{\"" + name + "\":" + body + "}}";
  }

  private static long integer(JsonNode body, String name, long otherwise) {
    JsonNode value = body.get(name);
    return value == null ? otherwise : value.longValue();
  }
}
