package io.airlock.transfer.query;

import io.airlock.transfer.records.QueryType;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The outcome of {@link QueryRules#check}: a request that may be queued, or the first field that
 * makes it invalid. A value, not an exception, because refusing a query is an expected outcome on
 * both sides (a 400 on the request side, a quarantined record on the response side).
 */
public sealed interface QueryCheck permits QueryCheck.Valid, QueryCheck.Invalid {

  /**
   * A request that passed every rule.
   *
   * @param index the index name, as given (already valid, so no normalisation is needed)
   * @param queryType search or count
   * @param params the query params in canonical form: every object's keys sorted as RFC 8785 sorts
   *     them, numbers as read; store and forward these, so both sides see the same bytes
   * @param effectiveSize the number of hits the query asks for: {@code size}, or Elasticsearch's
   *     default 10 for a search without one, or 0 for a count; callers compare it with a profile's
   *     maximum result size
   */
  record Valid(String index, QueryType queryType, JsonNode params, int effectiveSize)
      implements QueryCheck {

    public Valid {
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(queryType, "queryType");
      Objects.requireNonNull(params, "params");
    }

    /** The cache key of this request: see {@link QueryRules#cacheKey}. */
    public String cacheKey() {
      return QueryRules.cacheKey(index, queryType, params);
    }
  }

  /**
   * A request that breaks a rule.
   *
   * @param field the offending field as the client spelled it, with a path into the params where
   *     the fault lies deeper: {@code index}, {@code query_type}, {@code query_params}, {@code
   *     query_params.size}, {@code query_params.aggs.by_day.terms.script}, {@code
   *     query_params.sort[0].script}
   * @param reason what is wrong, phrased to follow the field name: "must be at most 1000"
   */
  record Invalid(String field, String reason) implements QueryCheck {

    /**
     * The reason code of a request the response side refuses under these rules, as the failure that
     * answers it carries it across the gap.
     */
    public static final String REASON_CODE = "query_refused";

    public Invalid {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
