package io.airlock.requestside.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every rule of the shared counts again, with the counts in Redis. */
class RateCountsInRedisIntegrationTests extends RateCountsIntegrationTests {

  @Override
  RateCounts counts() {
    return new RateCountsInRedis(EmbeddedRedis.connection());
  }

  @Test
  void aKeyBucket4jLeftBehindUnderTheSameNameDoesNotStandInTheWay() {
    String key = "quota:" + UUID.randomUUID();
    EmbeddedRedis.connection().sync().set(key, "bucket4j state");

    RateCounts.Taken taken =
        counts().take(key, 1, new long[] {5}, List.of(QuotaWindow.MINUTE), 1, Instant.now());

    assertThat(taken.taken()).isEqualTo(1);
    assertThat(EmbeddedRedis.connection().sync().get(key)).isEqualTo("bucket4j state");
  }
}
