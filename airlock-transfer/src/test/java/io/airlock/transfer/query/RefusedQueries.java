package io.airlock.transfer.query;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Constructs the query grammar must refuse because they reach outside the index a request names or
 * run code (issue 11): each as one query clause, with where its fault lies, and the places a clause
 * can stand. Shared with both sides' tests, which submit and forge them.
 */
public final class RefusedQueries {

  /**
   * A refused construct.
   *
   * @param name what it is, for test names
   * @param clause one query clause, as JSON
   * @param fault the path of the fault below the clause's own position, e.g. {@code
   *     .terms.severity}
   */
  public record Construct(String name, String clause, String fault) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A place a query clause can stand in a search's params.
   *
   * @param name what it is, for test names
   * @param template the search params with {@code %s} where the clause goes
   * @param path the path of the clause's position
   */
  public record Placement(String name, String template, String path) {
    /** The search params holding {@code construct} here. */
    public String params(Construct construct) {
      return template.formatted(construct.clause());
    }

    /** The path the refusal must name. */
    public String faultPath(Construct construct) {
      return path + construct.fault();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Every construct that names another index or stored object, or runs code. */
  public static final List<Construct> CONSTRUCTS =
      List.of(
          new Construct(
              "terms lookup",
              "{\"terms\":{\"severity\":{\"index\":\"secret\",\"id\":\"1\",\"path\":\"owner\"}}}",
              ".terms.severity"),
          new Construct(
              "more_like_this of another index's document",
              "{\"more_like_this\":{\"fields\":[\"title\"],"
                  + "\"like\":[{\"_index\":\"secret\",\"_id\":\"1\"}]}}",
              ".more_like_this"),
          new Construct(
              "indexed shape",
              "{\"geo_shape\":{\"location\":{\"indexed_shape\":"
                  + "{\"index\":\"secret\",\"id\":\"1\",\"path\":\"shape\"}}}}",
              ".geo_shape"),
          new Construct(
              "indexed shape in a bounding box",
              "{\"geo_bounding_box\":{\"location\":{\"indexed_shape\":"
                  + "{\"index\":\"secret\",\"id\":\"1\",\"path\":\"shape\"}}}}",
              ".geo_bounding_box.location.indexed_shape"),
          new Construct(
              "percolate by index and id",
              "{\"percolate\":{\"field\":\"query\",\"index\":\"secret\",\"id\":\"1\"}}",
              ".percolate"),
          new Construct(
              "wrapper", "{\"wrapper\":{\"query\":\"eyJtYXRjaF9hbGwiOnt9fQ==\"}}", ".wrapper"),
          new Construct(
              "_index field", "{\"term\":{\"_index\":{\"value\":\"secret\"}}}", ".term._index"),
          new Construct(
              "_index in a query string",
              "{\"query_string\":{\"query\":\"_index:secret\"}}",
              ".query_string.query"),
          new Construct(
              "script query", "{\"script\":{\"script\":{\"source\":\"true\"}}}", ".script"),
          new Construct(
              "script score",
              "{\"script_score\":{\"query\":{\"match_all\":{}},\"script\":{\"source\":\"1\"}}}",
              ".script_score"),
          new Construct(
              "stored script under another name",
              "{\"terms_set\":{\"severity\":{\"terms\":[\"critical\"],"
                  + "\"minimum_should_match_script\":{\"id\":\"stored\"}}}}",
              ".terms_set"),
          new Construct(
              "script object as a term's value",
              "{\"term\":{\"severity\":{\"value\":{\"id\":\"stored\",\"params\":{}}}}}",
              ".term.severity.value"),
          new Construct(
              "stored search template",
              "{\"template\":{\"id\":\"stored\",\"params\":{}}}",
              ".template"));

  /** Where a clause can stand: the top of the query, a bool, a filter aggregation, a nested. */
  public static final List<Placement> PLACEMENTS =
      List.of(
          new Placement("top level", "{\"query\":%s}", "query_params.query"),
          new Placement(
              "inside bool",
              "{\"query\":{\"bool\":{\"filter\":[%s]}}}",
              "query_params.query.bool.filter[0]"),
          new Placement(
              "inside a filter aggregation",
              "{\"aggs\":{\"f\":{\"filter\":%s}}}",
              "query_params.aggs.f.filter"),
          new Placement(
              "inside nested",
              "{\"query\":{\"nested\":{\"path\":\"comments\",\"query\":%s}}}",
              "query_params.query.nested.query"));

  private RefusedQueries() {}

  /** Every construct in every place, as (construct, placement) for a parameterized test. */
  public static Stream<Arguments> everyConstructInEveryPlace() {
    return CONSTRUCTS.stream()
        .flatMap(
            construct -> PLACEMENTS.stream().map(placement -> Arguments.of(construct, placement)));
  }
}
