package io.airlock.transfer.query;

import java.util.Set;
import java.util.TreeSet;

/**
 * A deployment's narrowing of the {@link QueryGrammar}: clauses and aggregations it refuses, a
 * smaller bucket budget, shallower aggregations. It can only narrow: a name the grammar does not
 * know, or a bound above the grammar's, is refused when the policy is made, so a typo cannot
 * silently leave a clause on and no setting can widen the grammar past what is safe.
 *
 * @param refusedClauses query clauses refused although the grammar accepts them, e.g. {@code
 *     regexp}
 * @param refusedAggregations aggregations refused although the grammar accepts them
 * @param bucketBudget the most buckets the sizes down any path of aggregations may multiply to,
 *     from 1 to {@link QueryGrammar#MAX_BUCKET_BUDGET}
 * @param maxAggregationDepth the deepest nesting of aggregations, from 1 to {@link
 *     QueryGrammar#MAX_AGGREGATION_DEPTH}
 */
public record QueryPolicy(
    Set<String> refusedClauses,
    Set<String> refusedAggregations,
    int bucketBudget,
    int maxAggregationDepth) {

  /** The grammar as it is, narrowed by nothing. */
  public static final QueryPolicy STANDARD =
      new QueryPolicy(
          Set.of(), Set.of(), QueryGrammar.MAX_BUCKET_BUDGET, QueryGrammar.MAX_AGGREGATION_DEPTH);

  /**
   * @throws IllegalArgumentException if the policy names something the grammar does not know, or
   *     would widen one of its bounds
   */
  public QueryPolicy {
    refusedClauses = Set.copyOf(refusedClauses);
    refusedAggregations = Set.copyOf(refusedAggregations);
    Set<String> unknownClauses = new TreeSet<>(refusedClauses);
    unknownClauses.removeAll(QueryGrammar.clauseTable().keySet());
    if (!unknownClauses.isEmpty()) {
      throw new IllegalArgumentException(
          "refused clauses "
              + unknownClauses
              + " are not query clauses of the grammar (it has "
              + QueryGrammar.clauseTable().keySet()
              + ")");
    }
    Set<String> unknownAggregations = new TreeSet<>(refusedAggregations);
    unknownAggregations.removeAll(QueryGrammar.aggregationTable().keySet());
    if (!unknownAggregations.isEmpty()) {
      throw new IllegalArgumentException(
          "refused aggregations "
              + unknownAggregations
              + " are not aggregations of the grammar (it has "
              + QueryGrammar.aggregationTable().keySet()
              + ")");
    }
    if (bucketBudget < 1 || bucketBudget > QueryGrammar.MAX_BUCKET_BUDGET) {
      throw new IllegalArgumentException(
          "the bucket budget must be from 1 to "
              + QueryGrammar.MAX_BUCKET_BUDGET
              + " (a policy may narrow the grammar, not widen it); it is "
              + bucketBudget);
    }
    if (maxAggregationDepth < 1 || maxAggregationDepth > QueryGrammar.MAX_AGGREGATION_DEPTH) {
      throw new IllegalArgumentException(
          "the aggregation depth must be from 1 to "
              + QueryGrammar.MAX_AGGREGATION_DEPTH
              + " (a policy may narrow the grammar, not widen it); it is "
              + maxAggregationDepth);
    }
  }
}
