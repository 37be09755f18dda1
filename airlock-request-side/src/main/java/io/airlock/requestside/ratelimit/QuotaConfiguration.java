package io.airlock.requestside.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where quota and rate-limit counts live: this side's PostgreSQL by default, where each take locks
 * the bucket's row ({@code SELECT ... FOR UPDATE}); Redis when {@code
 * airlock.rate-limits.redis-url} is set, where each take is a compare-and-swap. Either way the
 * counts are exact across threads and across instances sharing the store. (The grace periods of
 * quotas stay in PostgreSQL.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuotaProperties.class)
class QuotaConfiguration {

  /**
   * How long a bucket is kept after its last write: longer than the longest window (a day), so an
   * idle bucket goes only once nothing in it can count any more. Redis expires it by itself; {@link
   * QuotaCleanup} deletes it from PostgreSQL.
   */
  static final Duration TIME_TO_LIVE = Duration.ofDays(2);

  @Bean(destroyMethod = "shutdown")
  @ConditionalOnProperty("airlock.rate-limits.redis-url")
  RedisClient quotaRedisClient(ApiLimitProperties properties) {
    return RedisClient.create(properties.redisUrl());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty("airlock.rate-limits.redis-url")
  StatefulRedisConnection<String, byte[]> quotaRedis(RedisClient quotaRedisClient) {
    return connect(quotaRedisClient);
  }

  @Bean
  ProxyManager<String> quotaBuckets(
      DataSource dataSource,
      Clock clock,
      ObjectProvider<StatefulRedisConnection<String, byte[]>> redis) {
    StatefulRedisConnection<String, byte[]> connection = redis.getIfAvailable();
    return connection != null ? onRedis(connection, clock) : onPostgres(dataSource, clock);
  }

  @Bean
  SharedBuckets sharedBuckets(ProxyManager<String> quotaBuckets) {
    return new SharedBuckets(quotaBuckets);
  }

  static ProxyManager<String> onPostgres(DataSource dataSource, Clock clock) {
    return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table("quota_buckets")
        .idColumn("id")
        .stateColumn("state")
        .expiresAtColumn("expires_at")
        .expirationAfterWrite(ExpirationAfterWriteStrategy.fixedTimeToLive(TIME_TO_LIVE))
        .clientClock(new ClockTimeMeter(clock))
        .build();
  }

  static ProxyManager<String> onRedis(StatefulRedisConnection<String, byte[]> redis, Clock clock) {
    return Bucket4jLettuce.casBasedBuilder(redis)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.fixedTimeToLive(TIME_TO_LIVE))
        .clientClock(new ClockTimeMeter(clock))
        .build();
  }

  static StatefulRedisConnection<String, byte[]> connect(RedisClient client) {
    return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  /** Bucket4j's time from this side's clock, so that tests can move it. */
  record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
