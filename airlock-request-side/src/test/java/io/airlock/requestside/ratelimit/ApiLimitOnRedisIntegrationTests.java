package io.airlock.requestside.ratelimit;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every API-limit test again, with the counts in Redis. */
class ApiLimitOnRedisIntegrationTests extends ApiLimitIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("airlock.rate-limits.redis-url", EmbeddedRedis::url);
  }

  @Override
  RateCounts countsOfAnotherInstance() {
    return new RateCountsInRedis(EmbeddedRedis.connection());
  }
}
