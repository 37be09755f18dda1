package io.airlock.responseside.execution;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** Executor settings for tests: small, quick, and a retry wait long enough to observe. */
final class ExecutorFixture {

  private ExecutorFixture() {}

  static ExecutorProperties properties() {
    return properties(2, 10, DataSize.ofMegabytes(8));
  }

  static ExecutorProperties properties(int workers, int batchSize, DataSize maxResultBytes) {
    return new ExecutorProperties(
        true,
        workers,
        Duration.ofMillis(20),
        batchSize,
        Duration.ofMinutes(1),
        3,
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        maxResultBytes,
        Duration.ofSeconds(10));
  }
}
