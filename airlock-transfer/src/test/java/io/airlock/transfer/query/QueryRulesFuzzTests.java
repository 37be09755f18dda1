package io.airlock.transfer.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.airlock.transfer.WireJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The query rules on arbitrary JSON: they answer every document with a verdict, never an exception,
 * and the verdict does not change when the document is written out and read again. The seeds
 * (QueryRulesFuzzTestsInputs) hold the grammar's examples, so the fuzzer starts from queries that
 * go deep into the grammar.
 */
class QueryRulesFuzzTests {

  private static final QueryRules RULES = QueryRules.standard();

  @FuzzTest(maxDuration = "60s")
  void answersAnyJsonWithAVerdictThatSurvivesReserialisation(FuzzedDataProvider data) {
    String queryType = data.pickValue(new String[] {"search", "count"});
    JsonNode params;
    try {
      params = WireJson.mapper().readTree(data.consumeRemainingAsString());
    } catch (JacksonException notJson) {
      return;
    }

    QueryCheck check = RULES.check("logs", queryType, params);

    assertThat(check).isNotNull();
    JsonNode reread = WireJson.mapper().readTree(WireJson.mapper().writeValueAsString(params));
    assertThat(verdict(RULES.check("logs", queryType, reread))).isEqualTo(verdict(check));
    if (check instanceof QueryCheck.Valid valid) {
      // What was accepted is accepted again as it is stored and forwarded, under the same key.
      JsonNode stored = WireJson.mapper().readTree(CanonicalJson.of(valid.params()));
      QueryCheck again = RULES.check("logs", queryType, stored);
      assertThat(verdict(again)).isEqualTo(verdict(valid));
      assertThat(((QueryCheck.Valid) again).cacheKey()).isEqualTo(valid.cacheKey());
    }
  }

  // Numbers may change their JSON type through text (1e-400 reads back as 0): compare what is
  // stored, the canonical text.
  private static Object verdict(QueryCheck check) {
    return check instanceof QueryCheck.Valid valid
        ? valid.index()
            + valid.queryType()
            + valid.effectiveSize()
            + CanonicalJson.of(valid.params())
        : check;
  }
}
