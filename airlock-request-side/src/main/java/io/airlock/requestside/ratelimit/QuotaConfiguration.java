package io.airlock.requestside.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where quota and rate-limit counts live: this side's PostgreSQL by default, where each take is one
 * statement that locks the key's row while it runs; Redis when {@code
 * airlock.rate-limits.redis-url} is set, where each take is one script. Either way the counts are
 * exact across threads and across instances sharing the store. (The grace periods of quotas stay in
 * PostgreSQL.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuotaProperties.class)
class QuotaConfiguration {

  @Bean(destroyMethod = "shutdown")
  @ConditionalOnProperty("airlock.rate-limits.redis-url")
  RedisClient quotaRedisClient(ApiLimitProperties properties) {
    return RedisClient.create(properties.redisUrl());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty("airlock.rate-limits.redis-url")
  StatefulRedisConnection<String, String> quotaRedis(RedisClient quotaRedisClient) {
    return quotaRedisClient.connect();
  }

  @Bean
  RateCounts rateCounts(
      JdbcTemplate jdbc, ObjectProvider<StatefulRedisConnection<String, String>> redis) {
    StatefulRedisConnection<String, String> connection = redis.getIfAvailable();
    return connection != null ? new RateCountsInRedis(connection) : new RateCountsInPostgres(jdbc);
  }
}
