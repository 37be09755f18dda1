package io.airlock.requestside.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The counts in Redis: one hash per key, taken by a script ({@code take-counts.lua}, the same rules
 * as {@code airlock_take_counts} in PostgreSQL) that Redis runs atomically. A key expires by itself
 * when its longest window ends.
 */
final class RateCountsInRedis implements RateCounts {

  /**
   * Before every Redis key of the counts. Bucket4j kept its buckets, of another type, under the
   * bare keys; those expire by themselves, and the counts start afresh under these.
   */
  static final String PREFIX = "airlock:counts:";

  private static final String SCRIPT = script();

  private final StatefulRedisConnection<String, String> redis;
  private volatile String digest;

  RateCountsInRedis(StatefulRedisConnection<String, String> redis) {
    this.redis = redis;
  }

  @Override
  public Taken take(
      String key,
      long version,
      long[] capacities,
      List<QuotaWindow> windows,
      int wanted,
      Instant now) {
    String[] arguments = new String[3 + 2 * windows.size()];
    arguments[0] = Long.toString(version);
    arguments[1] = Long.toString(now.toEpochMilli());
    arguments[2] = Integer.toString(wanted);
    for (int i = 0; i < windows.size(); i++) {
      arguments[3 + i] = Long.toString(capacities[i]);
      arguments[3 + windows.size() + i] = Long.toString(windows.get(i).length().toMillis());
    }
    List<Long> result = run(new String[] {PREFIX + key}, arguments);
    long[] remaining = new long[windows.size()];
    for (int i = 0; i < remaining.length; i++) {
      remaining[i] = result.get(i + 1);
    }
    return new Taken(result.get(0).intValue(), remaining);
  }

  @Override
  public void remove(String key) {
    redis.sync().del(PREFIX + key);
  }

  @Override
  public int removeExpired(Instant now, int limit) {
    return 0;
  }

  /**
   * Runs the script by its digest, loading it first where Redis does not have it (yet, or any
   * more).
   */
  private List<Long> run(String[] keys, String[] arguments) {
    String known = digest;
    if (known != null) {
      try {
        return redis.sync().evalsha(known, ScriptOutputType.MULTI, keys, arguments);
      } catch (RedisNoScriptException e) {
        // Redis restarted or flushed its scripts: load it again.
      }
    }
    digest = redis.sync().scriptLoad(SCRIPT);
    return redis.sync().evalsha(digest, ScriptOutputType.MULTI, keys, arguments);
  }

  private static String script() {
    try (InputStream in = RateCountsInRedis.class.getResourceAsStream("take-counts.lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
