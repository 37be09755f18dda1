package io.airlock.platform.query;

import io.airlock.transfer.query.QueryGrammar;
import io.airlock.transfer.query.QueryPolicy;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This deployment's narrowing of the query grammar (docs/query-language.md). A side refuses to
 * start with a setting that would widen the grammar or names a clause it does not know.
 *
 * @param refusedClauses query clauses to refuse although the grammar accepts them, e.g. {@code
 *     regexp, wildcard}
 * @param refusedAggregations aggregations to refuse, e.g. {@code composite}
 * @param bucketBudget the most buckets the sizes down any path of aggregations may multiply to (at
 *     most 10000)
 * @param maxAggregationDepth the deepest nesting of aggregations (at most 3)
 */
@ConfigurationProperties("airlock.query")
public record QueryPolicyProperties(
    @DefaultValue Set<String> refusedClauses,
    @DefaultValue Set<String> refusedAggregations,
    @DefaultValue("" + QueryGrammar.MAX_BUCKET_BUDGET) int bucketBudget,
    @DefaultValue("" + QueryGrammar.MAX_AGGREGATION_DEPTH) int maxAggregationDepth) {

  /**
   * @throws IllegalArgumentException if the settings would widen the grammar
   */
  QueryPolicy policy() {
    return new QueryPolicy(refusedClauses, refusedAggregations, bucketBudget, maxAggregationDepth);
  }
}
