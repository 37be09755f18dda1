package io.airlock.responseside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.testing.MovableClock;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.transfer.records.QueryType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ResponseSideIntegrationTest
class ResultCacheIntegrationTests {

  private static final JsonNode PARAMS = JsonMapper.shared().readTree("{\"query\":{}}");

  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  final MovableClock clock = new MovableClock();
  @Autowired JsonMapper json;
  @Autowired DatabaseSignals signals;
  @Autowired DataSource dataSource;

  @Test
  void answersFromMemoryAndAnotherInstanceFromTheTableCountingEveryHit() {
    ResultCache instance = cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1));
    String key = key();
    ResultBody body = body("{\"hits\":{\"total\":{\"value\":3}},\"took\":2}");
    instance.store(key, "incidents", QueryType.SEARCH, PARAMS, body);

    Optional<ResultCache.Hit> fromMemory = instance.lookup(key);
    // Another instance on the same database has nothing in memory: the table answers it.
    ResultCache other = cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1));
    Optional<ResultCache.Hit> fromTable = other.lookup(key);
    Optional<ResultCache.Hit> thenFromItsMemory = other.lookup(key);

    assertThat(fromMemory.orElseThrow().level()).isEqualTo(ResultCache.Level.MEMORY);
    assertThat(fromTable.orElseThrow().level()).isEqualTo(ResultCache.Level.DATABASE);
    assertThat(thenFromItsMemory.orElseThrow().level()).isEqualTo(ResultCache.Level.MEMORY);
    for (Optional<ResultCache.Hit> hit : java.util.List.of(fromMemory, fromTable)) {
      assertThat(hit.get().body().json()).isEqualTo(body.json());
      assertThat(hit.get().body().sha256()).isEqualTo(body.sha256());
      assertThat(hit.get().body().bytes()).isEqualTo(body.bytes());
    }
    assertThat(row(key)).containsEntry("hit_count", 3L);
    assertThat(row(key).get("last_hit_at")).isNotNull();
    assertThat(other.stats().memory().hits()).isEqualTo(1);
    assertThat(other.stats().databaseHitsHere()).isEqualTo(1);
  }

  @Test
  void looksUpManyKeysAtOnceFromMemoryAndTheTableCountingHitsButNoMisses() {
    ResultCache instance = cache(Duration.ofSeconds(3), DataSize.ofMegabytes(1));
    String inMemory = key();
    String inTable = key();
    String expired = key();
    String absent = key();
    instance.store(expired, "assets", QueryType.COUNT, PARAMS, body("{\"count\":1}"));
    clock.advance(Duration.ofSeconds(2));
    instance.store(inMemory, "assets", QueryType.COUNT, PARAMS, body("{\"count\":2}"));
    cache(Duration.ofSeconds(3), DataSize.ofMegabytes(1))
        .store(inTable, "assets", QueryType.COUNT, PARAMS, body("{\"count\":3}"));
    clock.advance(Duration.ofSeconds(2));

    Map<String, ResultCache.Hit> hits =
        instance.lookupAll(java.util.List.of(inMemory, inTable, expired, absent, inMemory));

    assertThat(hits).containsOnlyKeys(inMemory, inTable);
    assertThat(hits.get(inMemory).level()).isEqualTo(ResultCache.Level.MEMORY);
    assertThat(hits.get(inTable).level()).isEqualTo(ResultCache.Level.DATABASE);
    assertThat(hits.get(inTable).body().json().path("count").asInt()).isEqualTo(3);
    assertThat(row(inMemory)).containsEntry("hit_count", 1L);
    assertThat(row(inTable)).containsEntry("hit_count", 1L);
    assertThat(row(expired)).containsEntry("hit_count", 0L);
    assertThat(instance.lookup(inTable).orElseThrow().level())
        .as("kept in memory once read")
        .isEqualTo(ResultCache.Level.MEMORY);
    assertThat(instance.stats().misses()).isZero();
  }

  @Test
  void anEntryExpiresInMemoryAndInTheTableAtItsTtl() {
    ResultCache instance = cache(Duration.ofSeconds(3), DataSize.ofMegabytes(1));
    String key = key();
    instance.store(key, "assets", QueryType.COUNT, PARAMS, body("{\"count\":5}"));
    clock.advance(Duration.ofMillis(2999));
    assertThat(instance.lookup(key)).as("a moment before its TTL").isPresent();

    clock.advance(Duration.ofMillis(2));

    assertThat(instance.lookup(key)).as("memory and table").isEmpty();
    assertThat(cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1)).lookup(key)).isEmpty();
    assertThat(row(key)).as("left for the maintenance job to purge").isNotEmpty();
    assertThat(instance.stats().misses()).isEqualTo(1);
  }

  @Test
  void keepsInMemoryNoMoreBytesThanItsBound() {
    ResultCache instance = cache(Duration.ofMinutes(5), DataSize.ofBytes(100));
    String small = key();
    String large = key();
    instance.store(small, "assets", QueryType.COUNT, PARAMS, body("{\"count\":5}"));
    instance.store(large, "incidents", QueryType.SEARCH, PARAMS, body(largeResult()));

    assertThat(instance.stats().memory().bytes()).isLessThanOrEqualTo(100);
    assertThat(instance.lookup(small).orElseThrow().level()).isEqualTo(ResultCache.Level.MEMORY);
    assertThat(instance.lookup(large).orElseThrow().level()).isEqualTo(ResultCache.Level.DATABASE);
  }

  @Test
  void storingAgainReplacesTheResultAndKeepsTheHitCount() {
    ResultCache instance = cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1));
    String key = key();
    instance.store(key, "assets", QueryType.COUNT, PARAMS, body("{\"count\":1}"));
    instance.lookup(key);

    instance.store(key, "assets", QueryType.COUNT, PARAMS, body("{\"count\":2}"));

    assertThat(instance.lookup(key).orElseThrow().body().json().path("count").asInt()).isEqualTo(2);
    assertThat(cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1)).lookup(key).orElseThrow())
        .satisfies(hit -> assertThat(hit.body().json().path("count").asInt()).isEqualTo(2));
    assertThat(row(key)).containsEntry("hit_count", 3L);
  }

  @Test
  void anEntryRemovedOnOneInstanceLeavesTheMemoryOfAnotherSharingTheDatabase() throws Exception {
    ResultCache here = cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1));
    // Another instance: its own cache and its own LISTEN connection to the same database.
    DatabaseSignals elsewhereSignals = new DatabaseSignals(dataSource);
    elsewhereSignals.start();
    try {
      ResultCache elsewhere =
          cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1), elsewhereSignals);
      await().atMost(Duration.ofSeconds(5)).until(elsewhereSignals::listening);
      String one = key();
      String ofIndex = key();
      String kept = key();
      here.store(one, "incidents", QueryType.SEARCH, PARAMS, body("{\"count\":1}"));
      here.store(ofIndex, "assets", QueryType.SEARCH, PARAMS, body("{\"count\":2}"));
      here.store(kept, "incidents", QueryType.COUNT, PARAMS, body("{\"count\":3}"));
      for (String key : List.of(one, ofIndex, kept)) {
        elsewhere.lookup(key);
        assertThat(elsewhere.lookup(key).orElseThrow().level()).isEqualTo(ResultCache.Level.MEMORY);
      }

      assertThat(here.invalidate(one)).isTrue();
      assertThat(here.clear("assets")).isPositive();

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(elsewhere.lookup(one)).isEmpty();
                assertThat(elsewhere.lookup(ofIndex)).isEmpty();
              });
      assertThat(elsewhere.lookup(kept)).isPresent();
      assertThat(here.invalidate(one)).isFalse();
    } finally {
      elsewhereSignals.stop();
    }
  }

  @Test
  void listsFreshEntriesByIndexInTheOrderAsked() {
    ResultCache instance = cache(Duration.ofMinutes(5), DataSize.ofMegabytes(1));
    String index = "listed-" + UUID.randomUUID();
    String popular = key();
    String quiet = key();
    instance.store(popular, index, QueryType.SEARCH, PARAMS, body("{\"count\":1}"));
    instance.store(quiet, index, QueryType.COUNT, PARAMS, body("{\"count\":22}"));
    instance.lookup(popular);
    instance.lookup(popular);

    assertThat(instance.entries(index, ResultCache.Order.HITS, 10, 0))
        .extracting(ResultCache.Listed::cacheKey)
        .containsExactly(popular, quiet);
    assertThat(instance.entries(index, ResultCache.Order.BYTES, 10, 0).get(0).cacheKey())
        .isEqualTo(quiet);
    assertThat(instance.count(index)).isEqualTo(2);
    assertThat(instance.entries(index, ResultCache.Order.HITS, 10, 0).get(0).hits()).isEqualTo(2);
  }

  private ResultCache cache(Duration ttl, DataSize memory) {
    return cache(ttl, memory, signals);
  }

  private ResultCache cache(Duration ttl, DataSize memory, DatabaseSignals signals) {
    return new ResultCache(
        jdbc,
        transactions,
        json,
        new CacheProperties(
            new CacheProperties.Ttl(ttl, ttl),
            memory,
            new CacheProperties.Maintenance(
                Duration.ofHours(1), 10, Duration.ofMinutes(10), 20, 10)),
        clock,
        signals,
        new SimpleMeterRegistry());
  }

  private ResultBody body(String result) {
    return ResultBody.of(json.readTree(result), json);
  }

  private static String largeResult() {
    return "{\"hits\":{\"hits\":[" + "{\"_id\":\"x\"},".repeat(50) + "{\"_id\":\"y\"}]}}";
  }

  private static String key() {
    return "test-" + UUID.randomUUID();
  }

  private Map<String, Object> row(String key) {
    return jdbc
        .sql("select * from query_cache where cache_key = :key")
        .param("key", key)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(Map.of());
  }
}
