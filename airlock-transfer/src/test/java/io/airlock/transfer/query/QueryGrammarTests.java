package io.airlock.transfer.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.transfer.WireJson;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The allow-list grammar, rule by rule: what each clause takes, and what nothing may write. */
class QueryGrammarTests {

  private static final QueryRules RULES = QueryRules.standard();

  static Stream<QueryGrammar.Clause> clauses() {
    return QueryGrammar.clauseTable().values().stream();
  }

  static Stream<QueryGrammar.Aggregation> aggregations() {
    return QueryGrammar.aggregationTable().values().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clauses")
  void acceptsTheExampleOfEveryClause(QueryGrammar.Clause clause) {
    assertValid(search("{\"query\":" + clause.example() + "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clauses")
  void acceptsEveryClauseWithEveryParameter(QueryGrammar.Clause clause) {
    for (long seed = 0; seed < 5; seed++) {
      JsonNode body = GrammarSamples.everyMember(clause.body(), seed);
      String params = "{\"query\":{\"" + clause.name() + "\":" + body + "}}";

      assertValid(search(params));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aggregations")
  void acceptsTheExampleOfEveryAggregation(QueryGrammar.Aggregation aggregation) {
    assertValid(search("{\"size\":0,\"aggs\":" + aggregation.example() + "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aggregations")
  void acceptsEveryAggregationWithEveryParameter(QueryGrammar.Aggregation aggregation) {
    for (long seed = 0; seed < 5; seed++) {
      JsonNode body = GrammarSamples.everyMember(aggregation.body(), seed);
      String params = "{\"aggs\":{\"a\":{\"" + aggregation.name() + "\":" + body + "}}}";

      assertValid(search(params));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.airlock.transfer.query.RefusedQueries#everyConstructInEveryPlace")
  void refusesWhatReachesAnotherIndexOrRunsCodeWherever(
      RefusedQueries.Construct construct, RefusedQueries.Placement placement) {
    assertInvalid(search(placement.params(construct)), placement.faultPath(construct), "");
  }

  @Test
  void refusesTheTermsLookupOfTheIssueWithTheReason() {
    assertInvalid(
        RULES.check(
            "incidents",
            "search",
            read(
                "{\"query\":{\"terms\":{\"severity\":"
                    + "{\"index\":\"secret\",\"id\":\"1\",\"path\":\"owner\"}}}}")),
        "query_params.query.terms.severity",
        "a terms lookup (an object here) would read a document of another index");
  }

  @Test
  void refusesAClauseTheGrammarDoesNotNameAndSaysWhy() {
    assertInvalid(
        search("{\"query\":{\"more_like_this\":{\"like\":\"x\"}}}"),
        "query_params.query.more_like_this",
        "is not a query clause the grammar allows: it can read documents of another index");
    assertInvalid(
        search("{\"query\":{\"intervals\":{}}}"),
        "query_params.query.intervals",
        "is not a query clause the grammar allows");
  }

  @Test
  void refusesAnUnknownParameterNamingTheAllowedOnes() {
    assertInvalid(
        search("{\"query\":{\"exists\":{\"field\":\"title\",\"script\":\"1\"}}}"),
        "query_params.query.exists.script",
        "is not allowed in exists (allowed: field, boost, _name): queries may not run scripts");
  }

  @Test
  void refusesAQueryPositionWithoutExactlyOneClause() {
    assertInvalid(search("{\"query\":{}}"), "query_params.query", "exactly one query clause");
    assertInvalid(
        search("{\"query\":{\"match_all\":{},\"match_none\":{}}}"),
        "query_params.query",
        "exactly one query clause");
  }

  @Test
  void refusesASecondFieldInAFieldClause() {
    assertInvalid(
        search("{\"query\":{\"terms\":{\"severity\":[\"a\"],\"site\":[\"b\"]}}}"),
        "query_params.query.terms.site",
        "takes one field and boost, _name");
  }

  @Test
  void refusesMetadataFieldsButTheFewEachPlaceNeeds() {
    assertInvalid(
        search("{\"query\":{\"exists\":{\"field\":\"_routing\"}}}"),
        "query_params.query.exists.field",
        "metadata field");
    assertValid(search("{\"query\":{\"term\":{\"_id\":\"1\"}},\"sort\":[\"_score\",\"_doc\"]}"));
    assertInvalid(
        search("{\"query\":{\"prefix\":{\"_id\":\"1\"}}}"),
        "query_params.query.prefix._id",
        "metadata field");
    assertInvalid(search("{\"sort\":[\"_index\"]}"), "query_params.sort[0]", "metadata field");
    assertInvalid(search("{\"_source\":[\"_index\"]}"), "query_params._source[0]", "metadata");
  }

  @Test
  void writesForcedDefaultsInCanonicalOrderWithoutTouchingTheRequestsParams() {
    JsonNode params =
        read("{\"size\":1,\"query\":{\"query_string\":{\"query\":\"disk\",\"boost\":2}}}");
    String asSent = params.toString();

    QueryCheck.Valid valid = assertValid(RULES.check("logs", "search", params));

    assertThat(valid.params().at("/query/query_string").propertyNames())
        .containsExactly("allow_leading_wildcard", "boost", "query");
    assertThat(valid.params().propertyNames()).containsExactly("query", "size");
    assertThat(params.toString()).isEqualTo(asSent);
  }

  @Test
  void forcesLeadingWildcardsOffInAQueryString() {
    QueryCheck.Valid valid =
        assertValid(search("{\"query\":{\"query_string\":{\"query\":\"disk\"}}}"));

    assertThat(valid.params().at("/query/query_string/allow_leading_wildcard").isBoolean())
        .isTrue();
    assertThat(valid.params().at("/query/query_string/allow_leading_wildcard").booleanValue())
        .isFalse();
    assertThat(valid.params().at("/query/query_string").propertyNames())
        .containsExactly("allow_leading_wildcard", "query");
    assertInvalid(
        search("{\"query\":{\"query_string\":{\"query\":\"*x\",\"allow_leading_wildcard\":true}}}"),
        "query_params.query.query_string.allow_leading_wildcard",
        "only false");
  }

  @Test
  void refusesEveryWayAQueryStringCouldSpellIndex() {
    for (String text : new String[] {"_index:secret", "_ind\\\\ex:secret", "a OR _index : b"}) {
      assertInvalid(
          search("{\"query\":{\"query_string\":{\"query\":\"" + text + "\"}}}"),
          "query_params.query.query_string.query",
          "_index");
    }
  }

  @Test
  void keepsHistogramsFromFillingTheirRangeWithEmptyBuckets() {
    QueryCheck.Valid valid =
        assertValid(
            search(
                "{\"aggs\":{\"h\":{\"date_histogram\":{\"field\":\"at\",\"fixed_interval\":\"1ms\"}}}}"));

    assertThat(valid.params().at("/aggs/h/date_histogram/min_doc_count").intValue()).isEqualTo(1);
    assertInvalid(
        search(
            "{\"aggs\":{\"h\":{\"histogram\":{\"field\":\"n\",\"interval\":1e-9,\"min_doc_count\":0}}}}"),
        "query_params.aggs.h.histogram.min_doc_count",
        "from 1 to");
  }

  @Test
  void boundsWildcardPatterns() {
    assertValid(search("{\"query\":{\"wildcard\":{\"site\":\"ams*\"}}}"));
    assertInvalid(
        search("{\"query\":{\"wildcard\":{\"site\":\"*dam\"}}}"),
        "query_params.query.wildcard.site",
        "must not start with * or ?");
    assertInvalid(
        search("{\"query\":{\"wildcard\":{\"site\":{\"value\":\"a*b*c*d*e*\"}}}}"),
        "query_params.query.wildcard.site.value",
        "at most 4");
    assertInvalid(
        search("{\"query\":{\"wildcard\":{\"site\":\"" + "a".repeat(129) + "\"}}}"),
        "query_params.query.wildcard.site",
        "at most 128 characters");
  }

  @Test
  void boundsRegularExpressions() {
    assertValid(search("{\"query\":{\"regexp\":{\"site\":\"am[a-z]{1,5}\"}}}"));
    assertInvalid(
        search("{\"query\":{\"regexp\":{\"site\":\".*dam\"}}}"),
        "query_params.query.regexp.site",
        "must start with a letter or digit");
    assertInvalid(
        search("{\"query\":{\"regexp\":{\"site\":\"a(b|c|d|e|f|g|h|i|j|k|l)*\"}}}"),
        "query_params.query.regexp.site",
        "at most 10");
    assertInvalid(
        search("{\"query\":{\"regexp\":{\"site\":\"a{1,1000}\"}}}"),
        "query_params.query.regexp.site",
        "more than 100 times");
    assertInvalid(
        search(
            "{\"query\":{\"regexp\":{\"site\":{\"value\":\"ab\","
                + "\"max_determinized_states\":100000}}}}"),
        "query_params.query.regexp.site.max_determinized_states",
        "from 1 to 10000");
  }

  @Test
  void capsFuzzyExpansions() {
    assertValid(
        search("{\"query\":{\"fuzzy\":{\"title\":{\"value\":\"disc\",\"max_expansions\":50}}}}"));
    assertInvalid(
        search("{\"query\":{\"fuzzy\":{\"title\":{\"value\":\"disc\",\"max_expansions\":51}}}}"),
        "query_params.query.fuzzy.title.max_expansions",
        "from 1 to 50");
  }

  @Test
  void takesOnlyInlineShapesInGeoQueries() {
    assertValid(
        search(
            "{\"query\":{\"geo_distance\":{\"distance\":\"12km\",\"location\":\"52.37,4.89\"}}}"));
    assertValid(
        search(
            "{\"query\":{\"geo_bounding_box\":{\"location\":"
                + "{\"wkt\":\"BBOX (4.0, 5.0, 53.0, 52.0)\"}}}}"));
    assertInvalid(
        search(
            "{\"query\":{\"geo_distance\":{\"distance\":\"12km\",\"location\":{\"id\":\"1\"}}}}"),
        "query_params.query.geo_distance.location.id",
        "is not allowed in point");
  }

  @Test
  void refusesTopHitsThatExplainOrReadStoredOrScriptedFields() {
    for (String refused : new String[] {"explain", "script_fields", "stored_fields"}) {
      assertInvalid(
          search("{\"aggs\":{\"t\":{\"top_hits\":{\"" + refused + "\":true}}}}"),
          "query_params.aggs.t.top_hits." + refused,
          "is not allowed in top_hits");
    }
  }

  @Test
  void refusesAggregationsTheGrammarDoesNotName() {
    assertInvalid(
        search("{\"aggs\":{\"m\":{\"scripted_metric\":{}}}}"),
        "query_params.aggs.m.scripted_metric",
        "queries may not run scripts");
    assertInvalid(
        search("{\"aggs\":{\"t\":{\"terms\":{\"field\":\"site\",\"script\":{\"source\":\"x\"}}}}}"),
        "query_params.aggs.t.terms.script",
        "queries may not run scripts");
    assertInvalid(
        search("{\"aggs\":{\"s\":{\"significant_text\":{\"field\":\"title\"}}}}"),
        "query_params.aggs.s.significant_text",
        "is not an aggregation the grammar allows");
  }

  @Test
  void refusesAMillionBucketsOfNestedTermsAggregations() {
    assertInvalid(
        search("{\"aggs\":{\"a\":{\"terms\":{\"field\":\"site\",\"size\":1000000}}}}"),
        "query_params.aggs.a.terms.size",
        "from 1 to 10000");
    assertInvalid(
        search(
            "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"site\",\"size\":1000},"
                + "\"aggs\":{\"b\":{\"terms\":{\"field\":\"host\",\"size\":1000}}}}}}"),
        "query_params.aggs.a.aggs.b.terms",
        "asks for up to 1000000 buckets");
    assertValid(
        search(
            "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"site\",\"size\":100},"
                + "\"aggs\":{\"b\":{\"terms\":{\"field\":\"host\",\"size\":100}}}}}}"));
  }

  @Test
  void countsHistogramsRangesAndFiltersInTheBucketBudget() {
    assertInvalid(
        search(
            "{\"aggs\":{\"a\":{\"date_histogram\":{\"field\":\"at\",\"calendar_interval\":\"day\"},"
                + "\"aggs\":{\"b\":{\"terms\":{\"field\":\"site\",\"size\":101}}}}}}"),
        "query_params.aggs.a.aggs.b.terms",
        "10100 buckets");
    assertInvalid(
        search(
            "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"site\",\"size\":5001},"
                + "\"aggs\":{\"b\":{\"filters\":{\"filters\":[{\"match_all\":{}}],"
                + "\"other_bucket\":true}}}}}}"),
        "query_params.aggs.a.aggs.b.filters",
        "10002 buckets");
  }

  @Test
  void boundsTheNestingOfAggregations() {
    String three =
        "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"x\",\"size\":2},\"aggs\":{\"b\":{\"terms\":"
            + "{\"field\":\"y\",\"size\":2},\"aggs\":{\"c\":{\"terms\":{\"field\":\"z\",\"size\":2}%s}}}}}}}";
    assertValid(search(three.formatted("")));
    assertInvalid(
        search(three.formatted(",\"aggs\":{\"d\":{\"avg\":{\"field\":\"n\"}}}")),
        "query_params.aggs.a.aggs.b.aggs.c.aggs",
        "3 are allowed");
  }

  @Test
  void refusesSubAggregationsOfAMetric() {
    assertInvalid(
        search(
            "{\"aggs\":{\"a\":{\"avg\":{\"field\":\"n\"},\"aggs\":{\"b\":{\"avg\":{\"field\":\"n\"}}}}}}"),
        "query_params.aggs.a.aggs",
        "avg makes no buckets");
  }

  @Test
  void checksHighlightQueriesByTheQueryGrammar() {
    assertValid(
        search(
            "{\"highlight\":{\"fields\":{\"title\":{\"highlight_query\":{\"match\":{\"title\":\"x\"}}}}}}"));
    assertInvalid(
        search(
            "{\"highlight\":{\"fields\":{\"title\":{}},\"highlight_query\":"
                + "{\"more_like_this\":{\"like\":[{\"_index\":\"secret\",\"_id\":\"1\"}]}}}}"),
        "query_params.highlight.highlight_query.more_like_this",
        "another index");
  }

  @Test
  void checksSortsByFieldAndOrderOnly() {
    assertValid(
        search(
            "{\"sort\":[\"_score\",{\"reported_at\":\"desc\"},"
                + "{\"score\":{\"order\":\"asc\",\"missing\":\"_last\",\"mode\":\"max\"}}]}"));
    assertInvalid(
        search("{\"sort\":[{\"score\":{\"order\":\"asc\",\"nested\":{\"path\":\"x\"}}}]}"),
        "query_params.sort[0].score.nested",
        "is not allowed in sort");
  }

  @Test
  void refusesNumbersBeyondTheRangeOfADoubleWhichNoCacheKeyCouldHold() {
    assertInvalid(
        search("{\"query\":{\"range\":{\"score\":{\"gte\":1e400}}}}"),
        "query_params.query.range.score.gte",
        "number");
    assertInvalid(
        search("{\"query\":{\"match_all\":{\"boost\":-1e999}}}"),
        "query_params.query.match_all.boost",
        "a number from 0 to 10000");
  }

  @Test
  void appliesADeploymentsNarrowing() {
    QueryRules narrowed =
        new QueryRules(new QueryPolicy(Set.of("regexp"), Set.of("composite"), 100, 2));

    assertInvalid(
        narrowed.check("logs", "search", read("{\"query\":{\"regexp\":{\"site\":\"ams.*\"}}}")),
        "query_params.query.regexp",
        "refused by this deployment's query policy");
    assertInvalid(
        narrowed.check(
            "logs",
            "search",
            read("{\"aggs\":" + QueryGrammar.aggregationTable().get("composite").example() + "}")),
        "query_params.aggs.composite.composite",
        "refused by this deployment's query policy");
    assertInvalid(
        narrowed.check(
            "logs",
            "search",
            read("{\"aggs\":{\"a\":{\"terms\":{\"field\":\"s\",\"size\":101}}}}")),
        "query_params.aggs.a.terms",
        "the bucket budget is 100");
    assertInvalid(
        narrowed.check(
            "logs",
            "search",
            read(
                "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"s\",\"size\":2},\"aggs\":{\"b\":{\"terms\":"
                    + "{\"field\":\"t\",\"size\":2},\"aggs\":{\"c\":{\"avg\":{\"field\":\"n\"}}}}}}}}")),
        "query_params.aggs.a.aggs.b.aggs",
        "at most 2 are allowed");
    assertValid(
        narrowed.check("logs", "search", read("{\"query\":{\"wildcard\":{\"site\":\"ams*\"}}}")));
  }

  @Test
  void aPolicyCannotWidenTheGrammarOrNameWhatItDoesNotKnow() {
    assertThatThrownBy(() -> new QueryPolicy(Set.of(), Set.of(), 10_001, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not widen");
    assertThatThrownBy(() -> new QueryPolicy(Set.of(), Set.of(), 100, 4))
        .hasMessageContaining("not widen");
    assertThatThrownBy(() -> new QueryPolicy(Set.of("regex"), Set.of(), 100, 3))
        .hasMessageContaining("[regex] are not query clauses");
    assertThatThrownBy(() -> new QueryPolicy(Set.of(), Set.of("scripted_metric"), 100, 3))
        .hasMessageContaining("[scripted_metric] are not aggregations");
  }

  @Test
  void givesTheSameAnswerWhateverTheOrderOfMembers() {
    QueryCheck one = search("{\"query\":{\"bool\":{\"must\":{\"x\":{}},\"filter\":{\"y\":{}}}}}");
    QueryCheck two = search("{\"query\":{\"bool\":{\"filter\":{\"y\":{}},\"must\":{\"x\":{}}}}}");

    assertThat(one).isEqualTo(two);
  }

  private static QueryCheck search(String params) {
    return RULES.check("logs", "search", read(params));
  }

  private static QueryCheck.Valid assertValid(QueryCheck check) {
    assertThat(check).isInstanceOf(QueryCheck.Valid.class);
    return (QueryCheck.Valid) check;
  }

  private static void assertInvalid(QueryCheck check, String field, String reasonPart) {
    assertThat(check).isInstanceOf(QueryCheck.Invalid.class);
    QueryCheck.Invalid invalid = (QueryCheck.Invalid) check;
    assertThat(invalid.field()).isEqualTo(field);
    assertThat(invalid.reason()).contains(reasonPart);
  }

  private static JsonNode read(String json) {
    return WireJson.mapper().readTree(json);
  }
}
