package io.airlock.requestside.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

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
  RateCounts countsOfAnotherInstance() {
    return new RateCountsInRedis(EmbeddedRedis.connection());
  }

  @Override
  boolean countsInPostgres() {
    return false;
  }

  @Test
  void keepsTheCountsInRedisNotInPostgres() {
    limits(10, null, null);
    submit();

    assertThat(
            jdbc.sql("select count(*) from rate_counts where key like :key")
                .param("key", "quota:" + user.id() + "%")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            EmbeddedRedis.connection()
                .sync()
                .exists(RateCountsInRedis.PREFIX + "quota:" + user.id()))
        .isEqualTo(1L);
  }
}
