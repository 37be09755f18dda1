package io.airlock.requestside.ratelimit;

/** Every rule of the shared counts again, with the counts in Redis. */
class RateCountsInRedisIntegrationTests extends RateCountsIntegrationTests {

  @Override
  RateCounts counts() {
    return new RateCountsInRedis(EmbeddedRedis.connection());
  }
}
