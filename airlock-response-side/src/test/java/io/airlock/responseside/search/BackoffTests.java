package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTests {

  private final Backoff backoff =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Random());

  @RepeatedTest(20)
  void doublesEachRetryWithJitterInTheUpperHalf() {
    assertThat(backoff.before(1).toMillis()).isBetween(100L, 200L);
    assertThat(backoff.before(2).toMillis()).isBetween(200L, 400L);
    assertThat(backoff.before(3).toMillis()).isBetween(400L, 800L);
  }

  @Test
  void neverWaitsLongerThanTheMaximum() {
    assertThat(backoff.before(30).toMillis()).isBetween(2500L, 5000L);
    assertThat(backoff.before(Integer.MAX_VALUE).toMillis()).isBetween(2500L, 5000L);
  }

  @Test
  void spreadsRetriesThatFailedTogether() {
    assertThat(new HashSet<>(IntStream.range(0, 20).mapToObj(i -> backoff.before(3)).toList()))
        .hasSizeGreaterThan(1);
  }
}
