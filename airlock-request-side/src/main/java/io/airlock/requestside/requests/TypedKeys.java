package io.airlock.requestside.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elasticsearch's {@code typed_keys}: each aggregation's name in a response prefixed with its type
 * ({@code sterms#by_severity}), which the official clients ask for to know how to read it. The
 * engine answered without them, so they are worked out from the aggregations the request asked for
 * (stored under {@code aggs} at every level, see {@link ElasticsearchController#aggsNamedShort})
 * and, where the type depends on the field (terms), from the keys of the buckets.
 */
final class TypedKeys {

  // Types whose response name differs from the request's; the rest are named alike.
  private static final Map<String, String> RESPONSE_TYPES =
      Map.of(
          "percentiles", "tdigest_percentiles",
          "percentile_ranks", "tdigest_percentile_ranks",
          "avg_bucket", "simple_value",
          "sum_bucket", "simple_value",
          "min_bucket", "bucket_metric_value",
          "max_bucket", "bucket_metric_value");

  private TypedKeys() {}

  /** Prefixes the aggregations of {@code response} as {@code requested} defines them. */
  static void apply(JsonNode requested, ObjectNode response) {
    if (response.get("aggregations") instanceof ObjectNode aggregations) {
      rename(requested, aggregations);
    }
  }

  /** Renames the aggregations {@code requested} defines among the fields of {@code holder}. */
  private static void rename(JsonNode requested, ObjectNode holder) {
    if (!requested.isObject()) {
      return;
    }
    for (String name : new ArrayList<>(requested.propertyNames())) {
      if (!(holder.get(name) instanceof ObjectNode result)) {
        continue;
      }
      JsonNode definition = requested.get(name);
      String type = type(definition);
      if (type == null) {
        continue;
      }
      holder.remove(name);
      JsonNode subAggregations = definition.path("aggs");
      for (ObjectNode bucketOrSelf : bucketsOf(result)) {
        rename(subAggregations, bucketOrSelf);
      }
      holder.set(responseType(type, result) + "#" + name, result);
    }
  }

  /** Where sub-aggregations sit: in each bucket, or in the result itself (single-bucket). */
  private static List<ObjectNode> bucketsOf(ObjectNode result) {
    JsonNode buckets = result.get("buckets");
    if (buckets == null) {
      return List.of(result);
    }
    List<ObjectNode> all = new ArrayList<>();
    Iterable<JsonNode> each = buckets.isArray() ? buckets : buckets.values();
    for (JsonNode bucket : each) {
      if (bucket instanceof ObjectNode object) {
        all.add(object);
      }
    }
    return all;
  }

  /** The aggregation's type: the one field of its definition that is not a sub-aggregation. */
  private static String type(JsonNode definition) {
    for (String field : definition.propertyNames()) {
      if (!field.equals("aggs") && !field.equals("meta")) {
        return field;
      }
    }
    return null;
  }

  private static String responseType(String type, ObjectNode result) {
    switch (type) {
      case "terms":
        return keyKind(result) + "terms";
      case "significant_terms":
        return "sig" + keyKind(result) + "terms";
      case "rare_terms":
        return keyKind(result) + "rareterms";
      default:
        return RESPONSE_TYPES.getOrDefault(type, type);
    }
  }

  /** {@code s} for string keys, {@code l} for whole numbers, {@code d} for fractions. */
  private static String keyKind(ObjectNode result) {
    JsonNode first = result.path("buckets").path(0).path("key");
    if (first.isIntegralNumber()) {
      return "l";
    }
    return first.isNumber() ? "d" : "s";
  }
}
