package io.airlock.responseside.execution;

import io.airlock.transfer.batch.SenderLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How this instance runs queued requests.
 *
 * @param enabled whether this instance runs workers at all (tests turn them off to drive the queue
 *     by hand)
 * @param workers worker threads, each claiming up to {@code batchSize} requests and running them
 *     together: at most {@code workers × batchSize} engine calls are in flight on this instance; 0
 *     means {@value #WORKERS_PER_PROCESSOR} per available processor, since a worker mostly waits
 *     for the engine and the database
 * @param pollInterval how long an idle worker waits before it looks at the queue again
 * @param batchSize how many requests a worker claims at once, and runs side by side
 * @param lease how long a claimed request stays a worker's before another may take it: longer than
 *     the slowest run (the engine's attempts at their longest timeout, plus their backoff)
 * @param maxAttempts runs in all before a request that keeps failing for a passing reason fails
 * @param retryBackoff the wait before the second run; each further wait doubles
 * @param maxRetryBackoff the longest wait between two runs
 * @param maxResultBytes the largest result record that is sent; a larger result is answered as a
 *     failure. At most the results batch byte cap ({@link SenderLimits#DEFAULTS}, 8 MiB)
 * @param shutdownGrace how long stopping waits for running queries before it interrupts them
 */
@ConfigurationProperties("airlock.executor")
record ExecutorProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("0") int workers,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("10") int batchSize,
    @DefaultValue("2m") Duration lease,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("5s") Duration retryBackoff,
    @DefaultValue("1m") Duration maxRetryBackoff,
    @DefaultValue("8MB") DataSize maxResultBytes,
    @DefaultValue("20s") Duration shutdownGrace) {

  /** Workers per available processor unless {@code workers} is set. */
  static final int WORKERS_PER_PROCESSOR = 4;

  ExecutorProperties {
    if (workers < 0 || batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "airlock.executor.workers must be >= 0, batch-size and max-attempts >= 1");
    }
    if (maxResultBytes.toBytes() > SenderLimits.DEFAULTS.maxPayloadBytes()) {
      throw new IllegalArgumentException(
          "airlock.executor.max-result-bytes must be at most the results batch byte cap, "
              + SenderLimits.DEFAULTS.maxPayloadBytes()
              + " bytes");
    }
  }

  /** The worker threads to run: as configured, or {@link #WORKERS_PER_PROCESSOR} per processor. */
  int workerCount() {
    return workers > 0
        ? workers
        : WORKERS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
  }
}
