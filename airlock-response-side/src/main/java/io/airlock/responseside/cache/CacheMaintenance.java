package io.airlock.responseside.cache;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.responseside.directory.IndexAllowList;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.responseside.search.SearchOutcome;
import io.airlock.transfer.records.QueryType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cache's periodic job: runs hot queries again before their entries go stale (pre-warm), purges
 * expired rows, and records the cache's size, hit ratio and most hit queries in the system log. A
 * query is hot when it was hit at least {@code prewarm-hits} times and once since the last run, and
 * its index is still allowed. One instance at a time (a singleton job); each write is its own short
 * statement, so no transaction is held across the engine calls.
 */
@Component
class CacheMaintenance implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(CacheMaintenance.class);
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

  /** What a run did. */
  record Report(int refreshed, int refreshFailed, int purged, CacheStats stats) {}

  private record Candidate(String cacheKey, String index, QueryType type, JsonNode params) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SingletonJobs jobs;
  private final IndexAllowList allowList;
  private final ResultCache cache;
  private final SearchEngine engine;
  private final SystemLog systemLog;
  private final Clock clock;
  private final CacheProperties.Maintenance properties;

  CacheMaintenance(
      JdbcClient jdbc,
      JsonMapper json,
      SingletonJobs jobs,
      IndexAllowList allowList,
      ResultCache cache,
      SearchEngine engine,
      SystemLog systemLog,
      CacheProperties properties,
      Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.json = json;
    this.jobs = jobs;
    this.allowList = allowList;
    this.cache = cache;
    this.engine = engine;
    this.systemLog = systemLog;
    this.properties = properties.maintenance();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        new FixedDelayTask(this::onSchedule, properties.interval(), properties.interval()));
  }

  void onSchedule() {
    try {
      run();
    } catch (RuntimeException e) {
      log.warn("Cache maintenance failed; the next run tries again: {}", e.toString());
    }
  }

  /** Runs once now; empty if another instance is running it. */
  Optional<Report> run() {
    return jobs.runExclusivelyUnchecked("cache-maintenance", LOCK_AT_MOST, this::maintain);
  }

  // Pre-warm before the purge, so that a hot entry that just expired is refreshed, not dropped.
  private Report maintain() {
    int refreshed = 0;
    int failed = 0;
    for (Candidate candidate : candidates()) {
      if (!allowList.allows(candidate.index())) {
        continue; // no longer asked for: let it expire
      }
      SearchOutcome outcome =
          engine.execute(candidate.index(), candidate.type(), candidate.params());
      if (outcome instanceof SearchOutcome.Answered answered) {
        cache.store(
            candidate.cacheKey(),
            candidate.index(),
            candidate.type(),
            candidate.params(),
            ResultBody.of(answered.body(), json));
        refreshed++;
      } else {
        failed++;
        log.info("Pre-warming cache entry {} failed: {}", candidate.cacheKey(), outcome);
      }
    }
    int purged = cache.purgeExpired();
    Report report = new Report(refreshed, failed, purged, cache.stats());
    record(report);
    return report;
  }

  private List<Candidate> candidates() {
    return jdbc.sql(
            """
            select cache_key, index_name, query_type, query_params::text as query_params
            from query_cache
            where hit_count >= :hits and expires_at < :windowEnd and last_hit_at > :hitSince
            order by hit_count desc, cache_key limit :limit
            """)
        .param("windowEnd", Timestamp.from(clock.instant().plus(properties.prewarmWindow())))
        .param("hitSince", Timestamp.from(clock.instant().minus(properties.interval())))
        .param("hits", properties.prewarmHits())
        .param("limit", properties.prewarmLimit())
        .query(
            (row, n) ->
                new Candidate(
                    row.getString("cache_key"),
                    row.getString("index_name"),
                    QueryType.fromWireName(row.getString("query_type")).orElseThrow(),
                    json.readTree(row.getString("query_params"))))
        .list();
  }

  private void record(Report report) {
    List<Map<String, Object>> top =
        jdbc.sql(
                """
                select cache_key, index_name, query_type, hit_count, expires_at from query_cache
                order by hit_count desc, cache_key limit :limit
                """)
            .param("limit", properties.topQueries())
            .query(
                (row, n) -> {
                  Map<String, Object> query = new LinkedHashMap<>();
                  query.put("cache_key", row.getString("cache_key"));
                  query.put("index", row.getString("index_name"));
                  query.put("query_type", row.getString("query_type"));
                  query.put("hit_count", row.getLong("hit_count"));
                  query.put("expires_at", row.getTimestamp("expires_at").toInstant().toString());
                  return query;
                })
            .list();
    CacheStats stats = report.stats();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("entries", stats.database().entries());
    details.put("bytes", stats.database().bytes());
    details.put("memory_entries", stats.memory().entries());
    details.put("memory_bytes", stats.memory().bytes());
    details.put("hit_ratio", stats.hitRatio());
    details.put("refreshed", report.refreshed());
    details.put("refresh_failed", report.refreshFailed());
    details.put("purged", report.purged());
    details.put("top_queries", top);
    systemLog.record(
        SystemLog.Level.INFO,
        "cache",
        "Cache maintenance: %d entries, %d bytes, hit ratio %.2f; %d refreshed, %d purged"
            .formatted(
                stats.database().entries(),
                stats.database().bytes(),
                stats.hitRatio(),
                report.refreshed(),
                report.purged()),
        details);
  }
}
