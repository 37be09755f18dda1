package io.airlock.platform.query;

import io.airlock.transfer.query.QueryGrammar;
import io.airlock.transfer.query.QueryPolicy;
import io.airlock.transfer.query.QueryRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Shows in {@code /actuator/info} which query grammar this side checks requests with, and how the
 * deployment narrowed it, so operators can see that both sides agree.
 */
class QueryGrammarInfoContributor implements InfoContributor {

  private final QueryRules rules;

  QueryGrammarInfoContributor(QueryRules rules) {
    this.rules = rules;
  }

  @Override
  public void contribute(Info.Builder builder) {
    QueryPolicy policy = rules.policy();
    Map<String, Object> grammar = new LinkedHashMap<>();
    grammar.put("version", QueryGrammar.VERSION);
    grammar.put("refusedClauses", new TreeSet<>(policy.refusedClauses()));
    grammar.put("refusedAggregations", new TreeSet<>(policy.refusedAggregations()));
    grammar.put("bucketBudget", policy.bucketBudget());
    grammar.put("maxAggregationDepth", policy.maxAggregationDepth());
    builder.withDetail("queryGrammar", grammar);
  }
}
