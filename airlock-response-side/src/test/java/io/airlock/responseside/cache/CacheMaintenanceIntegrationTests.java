package io.airlock.responseside.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.ResponseSideIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The maintenance job as configured by default, pre-warming against the real OpenSearch node. */
@ResponseSideIntegrationTest
class CacheMaintenanceIntegrationTests {

  @Autowired CacheMaintenance maintenance;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  @Test
  void preWarmsHotEntriesPurgesExpiredOnesAndReportsInTheSystemLog() {
    String hotExpired = entry("assets", 10_000, "-1 minute");
    String hotExpiring = entry("incidents", 9_000, "2 minutes");
    String coldExpired = entry("assets", 0, "-1 minute");
    String coldFresh = entry("assets", 1, "1 hour");
    // Hot once, but nobody asked since the last run: left to expire, not run again for ever.
    String cooledDown = entry("assets", 20_000, "2 minutes");
    jdbc.sql("update query_cache set last_hit_at = now() - interval '2 hours' where cache_key = :k")
        .param("k", cooledDown)
        .update();
    long logged = logEntries();

    CacheMaintenance.Report report = maintenance.run().orElseThrow();

    assertThat(report.refreshed()).isGreaterThanOrEqualTo(2);
    assertThat(report.purged()).isGreaterThanOrEqualTo(1);
    assertThat(result(hotExpired).path("count").asLong()).isEqualTo(1500);
    assertThat(result(hotExpiring).path("count").asLong()).isEqualTo(3000);
    assertThat(expiresAt(hotExpired)).isAfter(Instant.now());
    assertThat(row(hotExpiring)).containsEntry("hit_count", 9_000L);
    assertThat(row(coldExpired)).isEmpty();
    assertThat(result(coldFresh).path("count").asLong()).as("untouched").isEqualTo(-1);
    assertThat(result(cooledDown).path("count").asLong()).as("cooled down").isEqualTo(-1);

    assertThat(logEntries()).isEqualTo(logged + 1);
    JsonNode details =
        json.readTree(
            jdbc.sql(
                    "select details::text from system_logs where component = 'cache'"
                        + " order by id desc limit 1")
                .query(String.class)
                .single());
    assertThat(details.path("entries").asLong()).isEqualTo(report.stats().database().entries());
    assertThat(details.path("bytes").asLong()).isPositive();
    assertThat(details.path("hit_ratio").isNumber()).isTrue();
    assertThat(details.path("refreshed").asInt()).isEqualTo(report.refreshed());
    assertThat(details.path("top_queries").get(0).path("cache_key").asString())
        .isEqualTo(cooledDown);
    assertThat(details.path("top_queries").get(1).path("hit_count").asLong()).isEqualTo(10_000);
  }

  /** A count entry holding a wrong count (-1), so that a refresh shows. */
  private String entry(String index, long hits, String expiresIn) {
    String key = "test-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into query_cache (cache_key, index_name, query_type, query_params, result,
                result_sha256, bytes, expires_at, hit_count,
                last_hit_at)
            values (:key, :index, 'count', '{}', '{"count":-1}', 'stale', 12,
                now() + cast(:expiresIn as interval), :hits, now())
            """)
        .param("key", key)
        .param("index", index)
        .param("expiresIn", expiresIn)
        .param("hits", hits)
        .update();
    return key;
  }

  private long logEntries() {
    return jdbc.sql("select count(*) from system_logs where component = 'cache'")
        .query(Long.class)
        .single();
  }

  private JsonNode result(String key) {
    return json.readTree((String) row(key).get("result_text"));
  }

  private Instant expiresAt(String key) {
    return ((Timestamp) row(key).get("expires_at")).toInstant();
  }

  private Map<String, Object> row(String key) {
    return jdbc
        .sql("select *, result::text as result_text from query_cache where cache_key = :key")
        .param("key", key)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(Map.of());
  }
}
