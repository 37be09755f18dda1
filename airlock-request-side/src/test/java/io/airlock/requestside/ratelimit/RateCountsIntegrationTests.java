package io.airlock.requestside.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rules of the shared counts, in PostgreSQL ({@code airlock_take_counts}); {@link
 * RateCountsInRedisIntegrationTests} holds the Redis script to the same rules.
 */
@RequestSideIntegrationTest
class RateCountsIntegrationTests {

  private static final List<QuotaWindow> MINUTE_AND_HOUR =
      List.of(QuotaWindow.MINUTE, QuotaWindow.HOUR);
  // Ten seconds into the next hour: whole windows ahead, and still to come, as Redis expires a
  // count when its window ends by the real clock (a fixed instant would have passed).
  private static final Instant SOON =
      Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plusSeconds(10);

  @Autowired DataSource dataSource;

  RateCounts counts() {
    return new RateCountsInPostgres(new JdbcTemplate(dataSource));
  }

  @Test
  void takesWhatTheFullestWindowHasLeftFromEveryWindowAtOnce() {
    RateCounts counts = counts();
    String key = key();

    RateCounts.Taken first = counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 3, SOON);
    assertThat(first.taken()).isEqualTo(3);
    assertThat(first.remaining()).containsExactly(2, 5);

    RateCounts.Taken second = counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 4, SOON);
    assertThat(second.taken()).as("the minute has two left").isEqualTo(2);
    assertThat(second.remaining()).containsExactly(0, 3);

    RateCounts.Taken refused = counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 1, SOON);
    assertThat(refused.taken()).isZero();
    assertThat(refused.remaining()).as("nothing taken from the hour either").containsExactly(0, 3);
  }

  @Test
  void eachWindowStartsAfreshWhenItEnds() {
    RateCounts counts = counts();
    String key = key();
    counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 5, SOON);

    RateCounts.Taken nextMinute =
        counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 5, SOON.plus(Duration.ofMinutes(1)));

    assertThat(nextMinute.taken()).as("the minute is new, the hour has three left").isEqualTo(3);
    assertThat(nextMinute.remaining()).containsExactly(2, 0);
  }

  @Test
  void aNegativeTakeGivesBackToTheWindowsStillCurrent() {
    RateCounts counts = counts();
    String key = key();
    counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 4, SOON);

    RateCounts.Taken givenBack = counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, -2, SOON);
    assertThat(givenBack.taken()).isEqualTo(-2);
    assertThat(givenBack.remaining()).containsExactly(3, 6);

    RateCounts.Taken later =
        counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, -2, SOON.plus(Duration.ofMinutes(1)));
    assertThat(later.remaining())
        .as("nothing of the new minute was used; the hour gets its two back")
        .containsExactly(5, 8);
  }

  @Test
  void newerCapacitiesReplaceTheStoredOnesAndOlderOnesDoNot() {
    RateCounts counts = counts();
    String key = key();
    counts.take(key, 1, caps(100, 100), MINUTE_AND_HOUR, 10, SOON);

    assertThat(counts.take(key, 2, caps(200, 100), MINUTE_AND_HOUR, 1, SOON).remaining())
        .as("a raised capacity keeps what was used")
        .containsExactly(189, 89);
    assertThat(counts.take(key, 3, caps(5, 100), MINUTE_AND_HOUR, 1, SOON).remaining())
        .as("a lowered capacity caps what is left")
        .containsExactly(4, 88);
    assertThat(counts.take(key, 2, caps(200, 100), MINUTE_AND_HOUR, 1, SOON).remaining())
        .as("an older version takes the stored capacities")
        .containsExactly(3, 87);
  }

  @Test
  void forgottenCountsStartAfresh() {
    RateCounts counts = counts();
    String key = key();
    counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 5, SOON);

    counts.remove(key);

    assertThat(counts.take(key, 1, caps(5, 8), MINUTE_AND_HOUR, 1, SOON).remaining())
        .containsExactly(4, 7);
  }

  @Test
  void aBurstOfCallsOnANewKeyFromTwoInstancesIsCountedExactlyOnce() throws Exception {
    MinuteLimits one = new MinuteLimits(counts(), Clock.systemUTC());
    MinuteLimits other = new MinuteLimits(counts(), Clock.systemUTC());
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 5; round++) {
        String key = key();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MinuteLimits.Taken>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          MinuteLimits instance = i % 2 == 0 ? one : other;
          calls.add(
              callers.submit(
                  () -> {
                    start.await();
                    return instance.take(key, 10);
                  }));
        }
        start.countDown();

        List<Long> remaining = new ArrayList<>();
        for (Future<MinuteLimits.Taken> call : calls) {
          MinuteLimits.Taken taken = call.get(30, TimeUnit.SECONDS);
          if (taken.allowed()) {
            remaining.add(taken.remaining());
          }
        }
        assertThat(remaining)
            .as("the minute's ten, no more, each told what it left")
            .containsExactlyInAnyOrder(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private static long[] caps(long... capacities) {
    return capacities;
  }

  private static String key() {
    return "test:" + UUID.randomUUID();
  }
}
