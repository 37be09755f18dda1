package io.airlock.responseside.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.cache.ResultBody;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.directory.IndexAllowList;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.responseside.search.SearchOutcome;
import io.airlock.transfer.query.QueryCheck;
import io.airlock.transfer.query.QueryRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result cache as operators manage it: its fresh entries, removing one, an index's or all of
 * them (on every instance), and pre-caching a query, checked by the same rules as an incoming
 * request, run now and stored. Each action in the system log with who did it. For {@code
 * /admin/cache} and the console alike.
 */
@Service
public class OperatorCache {

  /** A query pre-cached: its cache key, as incoming requests for it will find it. */
  public record Prewarmed(@JsonProperty("cache_key") String cacheKey, String index, long bytes) {}

  /** The engine could not answer a query to pre-cache. */
  public static class EngineRefused extends RuntimeException {
    EngineRefused(String why) {
      super(why);
    }
  }

  private final ResultCache cache;
  private final QueryRules rules;
  private final IndexAllowList allowList;
  private final SearchEngine engine;
  private final JsonMapper json;
  private final SystemLog log;

  OperatorCache(
      ResultCache cache,
      QueryRules rules,
      IndexAllowList allowList,
      SearchEngine engine,
      JsonMapper json,
      SystemLog log) {
    this.cache = cache;
    this.rules = rules;
    this.allowList = allowList;
    this.engine = engine;
    this.json = json;
    this.log = log;
  }

  public List<ResultCache.Listed> entries(
      String index, ResultCache.Order order, int limit, long offset) {
    return cache.entries(index, order, limit, offset);
  }

  public long count(String index) {
    return cache.count(index);
  }

  /** Removes one entry everywhere; false if there was none. */
  public boolean invalidate(String operator, String cacheKey) {
    boolean removed = cache.invalidate(cacheKey);
    if (removed) {
      log.record(
          SystemLog.Level.INFO,
          "operator",
          "Removed a cache entry",
          details(operator, Map.of("cache_key", cacheKey)));
    }
    return removed;
  }

  /** Removes every entry, or {@code index}'s when it is not null; how many there were. */
  public int clear(String operator, String index) {
    int removed = cache.clear(index);
    Map<String, Object> more = new LinkedHashMap<>();
    if (index != null) {
      more.put("index", index);
    }
    more.put("removed", removed);
    log.record(
        SystemLog.Level.INFO,
        "operator",
        index == null ? "Cleared the cache" : "Cleared an index's cache entries",
        details(operator, more));
    return removed;
  }

  /**
   * Runs a query now and stores its result, as if a request had asked for it.
   *
   * @throws InvalidField naming what breaks the query rules, or an index not allowed
   * @throws EngineRefused when the engine could not answer it
   */
  public Prewarmed prewarm(String operator, String index, String queryType, JsonNode params) {
    if (index == null || !allowList.allows(index)) {
      throw new InvalidField("index", "is not in the allow-list");
    }
    QueryCheck check = rules.check(index, queryType, params);
    if (check instanceof QueryCheck.Invalid invalid) {
      throw new InvalidField(invalid.field(), invalid.reason());
    }
    QueryCheck.Valid valid = (QueryCheck.Valid) check;
    SearchOutcome outcome = engine.execute(index, valid.queryType(), valid.params());
    if (outcome instanceof SearchOutcome.Failed failed) {
      throw new EngineRefused(failed.reason());
    }
    SearchOutcome.Answered answered = (SearchOutcome.Answered) outcome;
    ResultBody body = ResultBody.of(answered.body(), json);
    String key = valid.cacheKey();
    cache.store(key, index, valid.queryType(), valid.params(), body);
    log.record(
        SystemLog.Level.INFO,
        "operator",
        "Pre-cached a query",
        details(operator, Map.of("cache_key", key, "index", index)));
    return new Prewarmed(key, index, body.bytes());
  }

  private static Map<String, Object> details(String operator, Map<String, ?> more) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operator", operator);
    details.putAll(more);
    return details;
  }
}
