package io.airlock.responseside.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApiIntegrationTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@AdminApiIntegrationTest
class DirectoryVersionsIntegrationTests {

  @Autowired DirectoryVersions versions;
  @Autowired DirectoryAdministration administration;
  @Autowired Directory directory;
  @Autowired TransactionTemplate transactions;

  @Test
  void holdsBackTheNextWriterUntilTheWriterBeforeItCommits() throws Exception {
    CountDownLatch allocated = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Long> first =
        CompletableFuture.supplyAsync(
            () ->
                transactions.execute(
                    status -> {
                      long version = versions.next();
                      allocated.countDown();
                      await(release);
                      return version;
                    }));
    assertThat(allocated.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Setting> second =
        CompletableFuture.supplyAsync(
            () -> administration.putSetting("serialised.writer", "second", "test"));
    // It waits for the first, however long that holds its version: still waiting 300 ms on.
    Awaitility.await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !second.isDone());

    release.countDown();
    long firstVersion = first.get(10, TimeUnit.SECONDS);
    assertThat(second.get(10, TimeUnit.SECONDS).version()).isGreaterThan(firstVersion);
    // An export taken now covers both: nothing committed later can carry a lower version.
    assertThat(directory.changedSince(0).asOf()).isGreaterThanOrEqualTo(second.get().version());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
