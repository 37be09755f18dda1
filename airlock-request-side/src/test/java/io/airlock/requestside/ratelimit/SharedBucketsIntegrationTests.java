package io.airlock.requestside.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
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

/**
 * Concurrent takes from one bucket in PostgreSQL, batched, starting from a bucket not yet there.
 */
@RequestSideIntegrationTest
class SharedBucketsIntegrationTests {

  private static final int CALLERS = 16;

  @Autowired DataSource dataSource;

  @Test
  void aBurstOfTakesOnANewBucketCreatesItAndCountsEachTakeOnce() throws Exception {
    SharedBuckets buckets =
        new SharedBuckets(QuotaConfiguration.onPostgres(dataSource, Clock.systemUTC()));
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    try {
      for (int round = 0; round < 5; round++) {
        String id = "test:" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ConsumptionProbe>> takes = new ArrayList<>();
        for (int i = 0; i < CALLERS * 2; i++) {
          takes.add(
              callers.submit(
                  () -> {
                    start.await();
                    return buckets.take(
                        id,
                        SharedBucketsIntegrationTests::tenAMinute,
                        bucket -> bucket.tryConsumeAndReturnRemaining(1));
                  }));
        }
        start.countDown();

        long consumed = 0;
        for (Future<ConsumptionProbe> take : takes) {
          consumed += take.get(30, TimeUnit.SECONDS).isConsumed() ? 1 : 0;
        }
        assertThat(consumed).as("the bucket's ten, no more, and no take failed").isEqualTo(10);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private static BucketConfiguration tenAMinute() {
    return BucketConfiguration.builder().addLimit(QuotaWindow.MINUTE.bandwidth(10)).build();
  }
}
