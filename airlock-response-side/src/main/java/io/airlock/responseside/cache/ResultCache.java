package io.airlock.responseside.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.airlock.platform.database.Columns;
import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.transfer.records.QueryType;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Results by cache key (the SHA-256 of a request's canonical index, type and params), in two
 * levels: this process's memory, bounded by bytes, then the {@code query_cache} table every
 * instance shares. An entry expires in memory at the instant its row does. Every hit counts in the
 * row, whichever level answered, so that the maintenance job sees which queries are hot. Time is
 * the side's {@link Clock}, in memory and in the table alike, so that tests can move it.
 */
@Component
public class ResultCache {

  /** Which level answered. */
  public enum Level {
    MEMORY,
    DATABASE
  }

  /**
   * A fresh cached result.
   *
   * @param foundAt when it was found, on this side's clock: for memory, before its hit is counted
   *     in the table
   */
  public record Hit(ResultBody body, Level level, Instant foundAt) {}

  /**
   * An in-memory entry, and the count of emptyings it was read under: one read before the last
   * emptying is not answered from.
   */
  private record Entry(
      String text, String sha256, long bytes, Instant expiresAt, long generation) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final JsonMapper json;
  private final CacheProperties properties;
  private final Clock clock;
  private final Cache<String, Entry> memory;
  private final DatabaseSignals signals;
  // Counts the in-memory level's emptyings: a row read from the table before one is not kept.
  private final AtomicLong generation = new AtomicLong();
  private final CacheMetrics metrics;

  ResultCache(
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      JsonMapper json,
      CacheProperties properties,
      Clock clock,
      DatabaseSignals signals,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.signals = signals;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.json = json;
    this.properties = properties;
    this.clock = clock;
    this.metrics = new CacheMetrics(registry, this::table);
    this.memory =
        Caffeine.newBuilder()
            .ticker(() -> nanos(clock.instant()))
            .maximumWeight(properties.memory().toBytes())
            .weigher((String key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, entry.bytes()))
            .expireAfter(
                Expiry.writing(
                    (String key, Entry entry) -> {
                      Duration left = Duration.between(clock.instant(), entry.expiresAt());
                      return left.isNegative() ? Duration.ZERO : left;
                    }))
            .evictionListener(
                (String key, Entry entry, RemovalCause cause) -> metrics.evicted(cause))
            .build();
    signals.subscribe(INVALIDATED, this::emptyMemory);
  }

  /**
   * The channel on which an instance that removed entries tells every instance to empty its
   * in-memory level, so that none answers from it what the table no longer holds.
   */
  public static final String INVALIDATED = "airlock_cache_invalidated";

  /** A fresh entry as operators list it. */
  public record Listed(
      @JsonProperty("cache_key") String cacheKey,
      String index,
      @JsonProperty("query_type") String queryType,
      long hits,
      @JsonProperty("last_hit_at") Instant lastHitAt,
      long bytes,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("expires_at") Instant expiresAt) {}

  /** The orders the entries can be listed in. */
  public enum Order {
    HITS("hit_count desc, cache_key"),
    LAST_HIT("last_hit_at desc nulls last, cache_key"),
    BYTES("bytes desc, cache_key"),
    EXPIRY("expires_at, cache_key"),
    NEWEST("created_at desc, cache_key");

    private final String sql;

    Order(String sql) {
      this.sql = sql;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The order of that wire name; most hit first for none. */
    public static Optional<Order> fromWireName(String name) {
      return name == null || name.isBlank()
          ? Optional.of(HITS)
          : Arrays.stream(values()).filter(o -> o.wireName().equals(name)).findFirst();
    }
  }

  /** One page of the fresh entries, of {@code index} only unless it is null. */
  public List<Listed> entries(String index, Order order, int limit, long offset) {
    return jdbc.sql(
            """
            select cache_key, index_name, query_type, hit_count, last_hit_at, bytes, created_at,
                   expires_at
            from query_cache where expires_at > :now
              and (cast(:index as text) is null or index_name = :index)
            order by
            """
                + order.sql
                + " limit :limit offset :offset")
        .param("now", now())
        .param("index", index)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (row, n) ->
                new Listed(
                    row.getString("cache_key"),
                    row.getString("index_name"),
                    row.getString("query_type"),
                    row.getLong("hit_count"),
                    instant(row.getTimestamp("last_hit_at")),
                    row.getLong("bytes"),
                    instant(row.getTimestamp("created_at")),
                    instant(row.getTimestamp("expires_at"))))
        .list();
  }

  public long count(String index) {
    return jdbc.sql(
            """
            select count(*) from query_cache where expires_at > :now
              and (cast(:index as text) is null or index_name = :index)""")
        .param("now", now())
        .param("index", index)
        .query(Long.class)
        .single();
  }

  /** Removes one entry from both levels on every instance; false if there was none. */
  public boolean invalidate(String cacheKey) {
    int removed =
        jdbc.sql("delete from query_cache where cache_key = :key").param("key", cacheKey).update();
    emptyEveryMemory();
    metrics.invalidated(removed);
    return removed > 0;
  }

  /** Removes every entry, or those of {@code index} when it is not null; how many there were. */
  public int clear(String index) {
    int removed =
        jdbc.sql(
                "delete from query_cache where cast(:index as text) is null or index_name = :index")
            .param("index", index)
            .update();
    emptyEveryMemory();
    metrics.invalidated(removed);
    return removed;
  }

  /**
   * Deletes the expired entries from the table (each instance's in-memory level drops its own as
   * they expire); how many there were.
   */
  int purgeExpired() {
    int purged =
        jdbc.sql("delete from query_cache where expires_at <= :now").param("now", now()).update();
    metrics.purged(purged);
    return purged;
  }

  /**
   * Empties this instance's in-memory level now, and every instance's once the notification arrives
   * (this one's too, which does no harm).
   */
  private void emptyEveryMemory() {
    emptyMemory();
    jdbc.sql("select pg_notify(:channel, '')").param("channel", INVALIDATED).query().listOfRows();
  }

  private void emptyMemory() {
    generation.incrementAndGet();
    memory.invalidateAll();
  }

  /** The fresh result for {@code cacheKey}, from memory or else from the table. */
  public Optional<Hit> lookup(String cacheKey) {
    return Optional.ofNullable(lookupEach(List.of(cacheKey)).get(cacheKey));
  }

  /**
   * The fresh results of those {@code cacheKeys} that have one, as {@link #lookupAll}, each key
   * without one counting a miss as {@link #lookup}'s does: for requests about to run, which ask the
   * engine for what is not found.
   */
  public Map<String, Hit> lookupEach(Collection<String> cacheKeys) {
    Map<String, Hit> hits = lookupAll(cacheKeys);
    for (String key : cacheKeys) {
      if (!hits.containsKey(key)) {
        metrics.missed();
      }
    }
    return hits;
  }

  /**
   * The fresh results of those {@code cacheKeys} that have one, from memory or else from the table
   * (one statement however many keys there are: an import looks up a whole run of requests, where
   * most have none). Each key found counts one hit in its row, in a transaction of its own, so that
   * a long import does not hold the rows of popular queries locked until it commits. A key without
   * a result counts nothing here: {@link #lookup} counts misses.
   */
  public Map<String, Hit> lookupAll(Collection<String> cacheKeys) {
    Map<String, Hit> hits = new HashMap<>();
    List<String> elsewhere = new ArrayList<>();
    // While this instance may miss an emptying, its in-memory level is not trusted, nor filled.
    boolean trusted = signals.listening();
    long current = generation.get();
    for (String key : new HashSet<>(cacheKeys)) {
      Entry entry = trusted ? memory.getIfPresent(key) : null;
      if (entry != null && entry.generation() != current) {
        entry = null;
      }
      if (entry != null) {
        hits.put(key, hit(entry, Level.MEMORY));
        metrics.hit(Level.MEMORY);
      } else {
        elsewhere.add(key);
      }
    }
    if (!elsewhere.isEmpty()) {
      Timestamp now = now();
      // By key alone, an expired entry skipped here: with the expiry in the statement, its generic
      // plan (a prepared statement's, from its sixth run) also scanned the expiry index for every
      // entry not yet expired, and took longer the fuller the cache (4 ms a lookup, on average, in
      // the pipeline bench, where every query was new).
      jdbc.sql(
              """
              select cache_key, result::text as result, result_sha256, bytes, expires_at
              from query_cache where cache_key = any(:keys)
              """)
          .param("keys", elsewhere.toArray(String[]::new))
          .query(
              (ResultSet row) -> {
                Timestamp expiresAt = row.getTimestamp("expires_at");
                if (!expiresAt.after(now)) {
                  return;
                }
                Entry entry =
                    new Entry(
                        row.getString("result"),
                        row.getString("result_sha256"),
                        row.getLong("bytes"),
                        expiresAt.toInstant(),
                        current);
                if (trusted) {
                  memory.put(row.getString("cache_key"), entry);
                }
                metrics.hit(Level.DATABASE);
                hits.put(row.getString("cache_key"), hit(entry, Level.DATABASE));
              });
    }
    if (!hits.isEmpty()) {
      ownTransaction.executeWithoutResult(
          status ->
              jdbc.sql(
                      "update query_cache set hit_count = hit_count + 1, last_hit_at = :now"
                          + " where cache_key = any(:keys)")
                  .param("now", now())
                  .param("keys", hits.keySet().toArray(String[]::new))
                  .update());
    }
    return hits;
  }

  /** A fresh result for {@link #storeAll}. */
  public record Fresh(
      String cacheKey, String index, QueryType type, JsonNode params, ResultBody body) {}

  /**
   * Stores a fresh result in both levels, fresh for its query type's TTL; a stale entry for the
   * same key is replaced, its hit count kept.
   */
  public void store(
      String cacheKey, String index, QueryType type, JsonNode params, ResultBody body) {
    storeAll(List.of(new Fresh(cacheKey, index, type, params, body)));
  }

  /** Stores fresh results as {@link #store} does, with one statement however many. */
  public void storeAll(List<Fresh> results) {
    if (results.isEmpty()) {
      return;
    }
    // One row per key (the last): a statement may not upsert the same row twice. In the keys'
    // order, as every multi-row write of the table, so that two of them cannot deadlock.
    Map<String, Fresh> byKey = new TreeMap<>();
    results.forEach(fresh -> byKey.put(fresh.cacheKey(), fresh));
    List<Fresh> rows = List.copyOf(byKey.values());
    Instant stored = clock.instant();
    Map<String, Instant> expiresAt = new HashMap<>();
    jdbc.sql(
            """
            insert into query_cache (cache_key, index_name, query_type, query_params, result,
                result_sha256, bytes, expires_at)
            select key, index_name, query_type, cast(params as jsonb), cast(result as jsonb),
                sha256, bytes, expires_at
            from unnest(cast(:keys as text[]), cast(:indices as text[]), cast(:types as text[]),
                cast(:params as text[]), cast(:results as text[]), cast(:sha256s as text[]),
                cast(:bytes as bigint[]), cast(:expiresAt as timestamptz[]))
                as r(key, index_name, query_type, params, result, sha256, bytes, expires_at)
            on conflict (cache_key) do update set result = excluded.result,
                result_sha256 = excluded.result_sha256, bytes = excluded.bytes,
                created_at = :now, expires_at = excluded.expires_at
            returning cache_key, expires_at
            """)
        .param("keys", Columns.texts(rows, Fresh::cacheKey))
        .param("indices", Columns.texts(rows, Fresh::index))
        .param("types", Columns.texts(rows, fresh -> fresh.type().wireName()))
        .param("params", Columns.texts(rows, fresh -> json.writeValueAsString(fresh.params())))
        .param("results", Columns.texts(rows, fresh -> fresh.body().text()))
        .param("sha256s", Columns.texts(rows, fresh -> fresh.body().sha256()))
        .param("bytes", Columns.of(rows, fresh -> fresh.body().bytes(), Long[]::new))
        .param("now", Timestamp.from(stored))
        .param(
            "expiresAt",
            Columns.texts(rows, fresh -> stored.plus(properties.ttl().of(fresh.type())).toString()))
        .query(
            (ResultSet row) -> {
              expiresAt.put(row.getString("cache_key"), row.getTimestamp("expires_at").toInstant());
            });
    long current = generation.get();
    for (Fresh fresh : rows) {
      ResultBody body = fresh.body();
      memory.put(
          fresh.cacheKey(),
          new Entry(
              body.text(), body.sha256(), body.bytes(), expiresAt.get(fresh.cacheKey()), current));
    }
  }

  /** Both levels' size and this instance's lookups since it started. */
  public CacheStats stats() {
    CacheStats.Level database = table();
    memory.cleanUp();
    CacheStats.Level inMemory =
        new CacheStats.Level(
            memory.estimatedSize(),
            memory.policy().eviction().orElseThrow().weightedSize().orElse(0),
            metrics.hits(Level.MEMORY));
    return new CacheStats(
        inMemory,
        properties.memory().toBytes(),
        database,
        metrics.hits(Level.DATABASE),
        metrics.misses());
  }

  /** The table's fresh entries. */
  private CacheStats.Level table() {
    return jdbc.sql(
            "select count(*) as entries, coalesce(sum(bytes), 0) as bytes,"
                + " coalesce(sum(hit_count), 0) as hits"
                + " from query_cache where expires_at > :now")
        .param("now", now())
        .query(
            (row, n) ->
                new CacheStats.Level(
                    row.getLong("entries"), row.getLong("bytes"), row.getLong("hits")))
        .single();
  }

  private Hit hit(Entry entry, Level level) {
    return new Hit(
        new ResultBody(json.readTree(entry.text()), entry.text(), entry.sha256(), entry.bytes()),
        level,
        clock.instant());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  // Caffeine's time in nanoseconds, from the clock: on the scale of the entries' expiry instants.
  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
