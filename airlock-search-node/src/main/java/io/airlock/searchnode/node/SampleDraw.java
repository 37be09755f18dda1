package io.airlock.searchnode.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Random choices for the generated sample data. {@link Random} with a fixed seed gives the same
 * sequence on every JVM, which is what makes the data set reproducible.
 */
final class SampleDraw {

  private final Random random;

  SampleDraw(long seed) {
    this.random = new Random(seed);
  }

  <T> T any(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  <T> T weighted(List<T> values, int... weights) {
    if (values.size() != weights.length) {
      throw new IllegalArgumentException("one weight per value");
    }
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    int ticket = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      ticket -= weights[i];
      if (ticket < 0) {
        return values.get(i);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** A whole number of seconds in [from, to). */
  Instant between(Instant from, Instant to) {
    long seconds = Duration.between(from, to).toSeconds();
    return from.plusSeconds((long) (random.nextDouble() * seconds));
  }

  /** One decimal place in [min, max]. */
  double tenths(double min, double max) {
    int steps = (int) Math.round((max - min) * 10);
    return Math.round(min * 10 + random.nextInt(steps + 1)) / 10.0;
  }

  int upTo(int bound) {
    return random.nextInt(bound);
  }
}
