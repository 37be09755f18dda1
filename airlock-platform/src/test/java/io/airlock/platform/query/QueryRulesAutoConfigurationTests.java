package io.airlock.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.query.QueryCheck;
import io.airlock.transfer.query.QueryRules;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class QueryRulesAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(QueryRulesAutoConfiguration.class));

  @Test
  void checksWithTheWholeGrammarWhenNothingIsConfigured() {
    runner.run(
        context ->
            assertThat(
                    context
                        .getBean(QueryRules.class)
                        .check("logs", "search", json("{\"query\":{\"regexp\":{\"f\":\"ab.*\"}}}")))
                .isInstanceOf(QueryCheck.Valid.class));
  }

  @Test
  void narrowsTheGrammarAsConfiguredAndSaysSoInInfo() {
    runner
        .withPropertyValues(
            "airlock.query.refused-clauses=regexp,wildcard",
            "airlock.query.bucket-budget=500",
            "airlock.query.max-aggregation-depth=2")
        .run(
            context -> {
              QueryCheck check =
                  context
                      .getBean(QueryRules.class)
                      .check("logs", "search", json("{\"query\":{\"regexp\":{\"f\":\"ab.*\"}}}"));
              assertThat(check).isInstanceOf(QueryCheck.Invalid.class);

              Info.Builder info = new Info.Builder();
              context.getBean(QueryGrammarInfoContributor.class).contribute(info);
              @SuppressWarnings("unchecked")
              Map<String, Object> grammar =
                  (Map<String, Object>) info.build().getDetails().get("queryGrammar");
              assertThat(grammar)
                  .containsEntry("version", 1)
                  .containsEntry("bucketBudget", 500)
                  .containsEntry("maxAggregationDepth", 2);
              assertThat(grammar.get("refusedClauses").toString()).isEqualTo("[regexp, wildcard]");
            });
  }

  @Test
  void refusesToStartWithASettingThatWouldWidenTheGrammar() {
    runner
        .withPropertyValues("airlock.query.bucket-budget=1000000")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("not widen"));
  }

  @Test
  void refusesToStartWithAClauseTheGrammarDoesNotKnow() {
    runner
        .withPropertyValues("airlock.query.refused-clauses=regex")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("[regex] are not query clauses"));
  }

  private static tools.jackson.databind.JsonNode json(String text) {
    return JsonMapper.builder().build().readTree(text);
  }
}
