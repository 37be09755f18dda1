package io.airlock.transfer.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.WireJson;
import io.airlock.transfer.records.QueryType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QueryRulesTests {

  @Test
  void acceptsAFullSearchAndReturnsItsParamsInCanonicalOrder() {
    QueryCheck check =
        QueryRules.standard()
            .check(
                "logs-2026.11",
                "search",
                read(
                    "{\"timeout\":\"5s\",\"size\":50,\"query\":{\"match_all\":{}},\"from\":10,"
                        + "\"sort\":[{\"@timestamp\":\"desc\"}],\"_source\":[\"title\"],"
                        + "\"aggs\":{\"by_day\":{\"date_histogram\":{\"field\":\"@timestamp\","
                        + "\"calendar_interval\":\"day\"}}},\"highlight\":{\"fields\":{\"title\":{}}}}"));

    assertThat(check).isInstanceOf(QueryCheck.Valid.class);
    QueryCheck.Valid valid = (QueryCheck.Valid) check;
    assertThat(valid.queryType()).isEqualTo(QueryType.SEARCH);
    assertThat(valid.effectiveSize()).isEqualTo(50);
    assertThat(valid.params().properties().stream().map(e -> e.getKey()).toList())
        .containsExactly(
            "_source", "aggs", "from", "highlight", "query", "size", "sort", "timeout");
  }

  @Test
  void acceptsACountWithOnlyAQuery() {
    QueryCheck check =
        QueryRules.standard().check("logs", "count", read("{\"query\":{\"match_all\":{}}}"));

    assertThat(check).isInstanceOf(QueryCheck.Valid.class);
    assertThat(((QueryCheck.Valid) check).effectiveSize()).isZero();
  }

  @Test
  void countsASearchWithoutSizeAsElasticsearchsDefaultTen() {
    assertThat(
            ((QueryCheck.Valid) QueryRules.standard().check("logs", "search", read("{}")))
                .effectiveSize())
        .isEqualTo(10);
  }

  @Test
  void refusesAMissingIndex() {
    assertInvalid(QueryRules.standard().check(null, "search", read("{}")), "index", "is required");
    assertInvalid(QueryRules.standard().check("", "search", read("{}")), "index", "is required");
  }

  @Test
  void refusesAnUpperCaseIndex() {
    assertInvalid(search("Logs", "{}"), "index", "lower case");
  }

  @Test
  void refusesWildcardsAndListsInTheIndex() {
    assertInvalid(search("logs-*", "{}"), "index", "'*'");
    assertInvalid(search("log?", "{}"), "index", "'?'");
    assertInvalid(search("logs,secrets", "{}"), "index", "','");
    assertInvalid(search("a b", "{}"), "index", "' '");
    assertInvalid(search("a:b", "{}"), "index", "':'");
  }

  @Test
  void refusesAnIndexStartingWithMinusUnderscoreOrPlus() {
    assertInvalid(search("-logs", "{}"), "index", "must not start");
    assertInvalid(search("_all", "{}"), "index", "must not start");
    assertInvalid(search("+logs", "{}"), "index", "must not start");
  }

  @Test
  void refusesDotAndDotDotAsIndex() {
    assertInvalid(search(".", "{}"), "index", "'.' or '..'");
    assertInvalid(search("..", "{}"), "index", "'.' or '..'");
    assertThat(search(".hidden-but-legal", "{}")).isInstanceOf(QueryCheck.Valid.class);
  }

  @Test
  void refusesAnIndexLongerThan255Bytes() {
    assertThat(search("a".repeat(255), "{}")).isInstanceOf(QueryCheck.Valid.class);
    assertInvalid(search("a".repeat(256), "{}"), "index", "255 bytes");
    // 128 two-byte characters: 128 chars but 256 bytes
    assertInvalid(search("\u00e9".repeat(128), "{}"), "index", "255 bytes");
  }

  @Test
  void refusesAnUnknownOrMissingQueryType() {
    assertInvalid(
        QueryRules.standard().check("logs", "delete", read("{}")), "query_type", "'search' or");
    assertInvalid(
        QueryRules.standard().check("logs", null, read("{}")), "query_type", "is required");
  }

  @Test
  void refusesMissingOrNonObjectParams() {
    assertInvalid(
        QueryRules.standard().check("logs", "search", null), "query_params", "is required");
    assertInvalid(
        QueryRules.standard().check("logs", "search", read("null")), "query_params", "is required");
    assertInvalid(
        QueryRules.standard().check("logs", "search", read("[1]")), "query_params", "JSON object");
  }

  @Test
  void refusesSearchKeysOutsideTheAllowedSet() {
    assertInvalid(
        search("logs", "{\"query\":{},\"suggest\":{}}"), "query_params.suggest", "not allowed");
  }

  @Test
  void refusesAnythingButQueryInACount() {
    assertInvalid(
        QueryRules.standard().check("logs", "count", read("{\"query\":{},\"size\":0}")),
        "query_params.size",
        "only query");
  }

  @Test
  void refusesAScriptQuery() {
    assertInvalid(
        search("logs", "{\"query\":{\"bool\":{\"filter\":[{\"script\":{\"script\":\"1\"}}]}}}"),
        "query_params.query.bool.filter[0].script",
        "scripts");
  }

  @Test
  void refusesAScriptScoreQuery() {
    assertInvalid(
        search("logs", "{\"query\":{\"script_score\":{\"query\":{\"match_all\":{}}}}}"),
        "query_params.query.script_score",
        "scripts");
  }

  @Test
  void refusesAScriptedMetricAggregation() {
    assertInvalid(
        search("logs", "{\"aggs\":{\"m\":{\"scripted_metric\":{}}}}"),
        "query_params.aggs.m.scripted_metric",
        "scripts");
  }

  @Test
  void refusesAScriptInsideATermsAggregation() {
    assertInvalid(
        search("logs", "{\"aggs\":{\"t\":{\"terms\":{\"script\":{\"source\":\"x\"}}}}}"),
        "query_params.aggs.t.terms.script",
        "scripts");
  }

  @Test
  void refusesAScriptSort() {
    assertInvalid(
        search("logs", "{\"sort\":[{\"_script\":{\"type\":\"number\",\"script\":\"1\"}}]}"),
        "query_params.sort[0]._script",
        "scripts");
  }

  @Test
  void refusesRuntimeMappingsAnywhere() {
    assertInvalid(
        search("logs", "{\"runtime_mappings\":{}}"), "query_params.runtime_mappings", "allowed");
    assertInvalid(
        search("logs", "{\"aggs\":{\"a\":{\"runtime_mappings\":{}}}}"),
        "query_params.aggs.a.runtime_mappings",
        "scripts");
  }

  @Test
  void refusesNestingDeeperThanTwentyLevels() {
    // Each bool adds two levels (its body and its filter clause); the params are level 1 and the
    // query clause level 2, so eight bools around a long-form term reach level 20 exactly.
    assertThat(search("logs", "{\"query\":" + nestedBools(8, TERM) + "}"))
        .isInstanceOf(QueryCheck.Valid.class);
    assertInvalid(
        search("logs", "{\"query\":" + nestedBools(9, "{\"match_all\":{}}") + "}"),
        "query_params",
        "20 levels");
  }

  @Test
  void refusesMoreThanAThousandNodes() {
    StringBuilder terms = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      terms.append(i == 0 ? "" : ",").append('"').append(i).append('"');
    }
    terms.append(']');
    assertInvalid(
        search("logs", "{\"query\":{\"terms\":{\"tag\":" + terms + "}}}"),
        "query_params",
        "1000 JSON values");
  }

  @Test
  void refusesASizeAboveOneThousandOrBelowZeroOrNotAnInteger() {
    assertThat(search("logs", "{\"size\":1000}")).isInstanceOf(QueryCheck.Valid.class);
    assertInvalid(search("logs", "{\"size\":1001}"), "query_params.size", "0 to 1000");
    assertInvalid(search("logs", "{\"size\":-1}"), "query_params.size", "0 to 1000");
    assertInvalid(search("logs", "{\"size\":\"10\"}"), "query_params.size", "integer");
    assertInvalid(search("logs", "{\"size\":1.5}"), "query_params.size", "integer");
  }

  @Test
  void refusesANegativeFrom() {
    assertInvalid(search("logs", "{\"from\":-1}"), "query_params.from", "integer from 0");
  }

  @Test
  void refusesAWindowBeyondTenThousand() {
    assertThat(search("logs", "{\"from\":9000,\"size\":1000}"))
        .isInstanceOf(QueryCheck.Valid.class);
    assertInvalid(
        search("logs", "{\"from\":9001,\"size\":1000}"), "query_params.from", "at most 10000");
    assertInvalid(search("logs", "{\"from\":9991}"), "query_params.from", "at most 10000");
  }

  @Test
  void acceptsElasticsearchTimeValuesUpToThirtySeconds() {
    for (String timeout : new String[] {"500ms", "5s", "30s", "30000ms", "1000000micros"}) {
      assertThat(search("logs", "{\"timeout\":\"" + timeout + "\"}"))
          .as(timeout)
          .isInstanceOf(QueryCheck.Valid.class);
    }
  }

  @Test
  void refusesATimeoutAboveThirtySeconds() {
    assertInvalid(search("logs", "{\"timeout\":\"31s\"}"), "query_params.timeout", "at most 30s");
    assertInvalid(search("logs", "{\"timeout\":\"1m\"}"), "query_params.timeout", "at most 30s");
    assertInvalid(
        search("logs", "{\"timeout\":\"999999999999999999d\"}"),
        "query_params.timeout",
        "at most 30s");
  }

  @Test
  void refusesAMalformedTimeout() {
    assertInvalid(search("logs", "{\"timeout\":\"5 s\"}"), "query_params.timeout", "time value");
    assertInvalid(search("logs", "{\"timeout\":\"-1\"}"), "query_params.timeout", "time value");
    assertInvalid(search("logs", "{\"timeout\":5}"), "query_params.timeout", "time value");
  }

  @Test
  void refusesAnUnpairedSurrogateWhichNoCacheKeyCouldHold() {
    assertInvalid(
        search("logs", "{\"query\":{\"term\":{\"tag\":\"a\\ud800\"}}}"),
        "query_params.query.term.tag",
        "surrogate");
    assertInvalid(
        search("logs", "{\"query\":{\"term\":{\"\\udc00\":\"a\"}}}"),
        "query_params.query.term",
        "surrogate");
    assertThat(search("logs", "{\"query\":{\"term\":{\"tag\":\"\\ud83d\\ude00\"}}}"))
        .isInstanceOf(QueryCheck.Valid.class);
  }

  @Test
  void givesTheCacheKeyOfTheCanonicalParams() {
    QueryCheck.Valid one = (QueryCheck.Valid) search("logs", "{\"size\":1,\"from\":2}");
    QueryCheck.Valid two = (QueryCheck.Valid) search("logs", "{\"from\":2,\"size\":1}");

    assertThat(one.cacheKey()).isEqualTo(two.cacheKey());
  }

  private static final String TERM = "{\"term\":{\"tag\":{\"value\":\"x\"}}}";

  private static String nestedBools(int levels, String innermost) {
    return "{\"bool\":{\"filter\":".repeat(levels) + innermost + "}}".repeat(levels);
  }

  private static QueryCheck search(String index, String params) {
    return QueryRules.standard().check(index, "search", read(params));
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
