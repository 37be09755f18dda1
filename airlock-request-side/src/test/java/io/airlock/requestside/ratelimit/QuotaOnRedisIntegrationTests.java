package io.airlock.requestside.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every quota test again, with the counts in Redis (the grace periods stay in PostgreSQL). */
class QuotaOnRedisIntegrationTests extends QuotaIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("airlock.rate-limits.redis-url", EmbeddedRedis::url);
  }

  @Override
  ProxyManager<String> storeOfAnotherInstance() {
    return QuotaConfiguration.onRedis(QuotaConfiguration.connect(EmbeddedRedis.url()), CLOCK);
  }

  @Test
  void keepsTheCountsInRedisNotInPostgres() {
    limits(10, null, null);
    submit();

    assertThat(
            jdbc.sql("select count(*) from quota_buckets where id like :key")
                .param("key", "quota:" + user.id() + "%")
                .query(Long.class)
                .single())
        .isZero();
    try (StatefulRedisConnection<String, byte[]> redis =
        QuotaConfiguration.connect(EmbeddedRedis.url())) {
      assertThat(redis.sync().exists("quota:" + user.id())).isEqualTo(1L);
    }
  }
}
