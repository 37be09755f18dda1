package io.airlock.responseside.search;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Pauses between the runs of a queued request that failed for a passing reason: doubling from the
 * initial backoff up to the maximum, each drawn at random from its upper half, so that requests
 * that failed together do not run again together.
 */
public record Backoff(Duration initial, Duration max, RandomGenerator random) {

  /** The pause before retry number {@code retry} (1 for the second attempt). */
  public Duration before(int retry) {
    long ceiling = initial.toMillis();
    for (int i = 1; i < retry && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    if (ceiling <= 1) {
      return Duration.ofMillis(ceiling);
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }
}
