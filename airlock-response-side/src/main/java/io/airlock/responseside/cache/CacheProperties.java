package io.airlock.responseside.cache;

import io.airlock.transfer.records.QueryType;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The result cache: in process, then in the {@code query_cache} table shared by every instance.
 *
 * @param ttl how long a result stays fresh, per query type
 * @param memory the most the in-process level holds, counted as result text bytes
 * @param maintenance the periodic purge, report and pre-warm
 */
@ConfigurationProperties("airlock.cache")
record CacheProperties(
    @DefaultValue Ttl ttl,
    @DefaultValue("64MB") DataSize memory,
    @DefaultValue Maintenance maintenance) {

  /**
   * @param search how long a search result stays fresh
   * @param count how long a count stays fresh: shorter, since counts are cheap to run again
   */
  record Ttl(@DefaultValue("5m") Duration search, @DefaultValue("1m") Duration count) {

    Duration of(QueryType type) {
      return type == QueryType.COUNT ? count : search;
    }
  }

  /**
   * @param interval how often the job runs
   * @param prewarmHits the hit count from which an entry is run again before it goes stale
   * @param prewarmWindow how close to its expiry (or how far past it) an entry is run again
   * @param prewarmLimit the most entries run again per run, most hit first
   * @param topQueries how many of the most hit entries the report names
   */
  record Maintenance(
      @DefaultValue("1h") Duration interval,
      @DefaultValue("10") long prewarmHits,
      @DefaultValue("10m") Duration prewarmWindow,
      @DefaultValue("20") int prewarmLimit,
      @DefaultValue("10") int topQueries) {}
}
