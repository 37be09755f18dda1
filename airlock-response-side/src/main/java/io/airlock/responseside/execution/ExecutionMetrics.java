package io.airlock.responseside.execution;

import io.airlock.platform.database.AfterCommit;
import io.airlock.responseside.queue.RequestQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The executions of requests: {@code airlock.executions} by how each ended (completed, failed,
 * retried, lease_lost, error: it threw; or expired, claimed past its deadline) and its reason code,
 * and {@code airlock.execution}, how long one that answered its request took, from its start to its
 * answer stored, by where the result came from. Most are a worker's runs; a request the import
 * answers from the cache as it arrives counts too ({@link #answeredOnArrival}). Requests the import
 * refuses or cancels never execute, and are not counted here.
 */
public final class ExecutionMetrics {

  private static final String EXECUTIONS = "airlock.executions";
  private static final String DESCRIPTION = "Runs of claimed requests, by outcome and reason code";
  private static final String NONE = "none";

  private final MeterRegistry registry;
  private final Map<List<String>, Counter> executions = new ConcurrentHashMap<>();
  private final Timer fromCache;
  private final Timer fromEngine;

  ExecutionMetrics(MeterRegistry registry, RequestQueue queue) {
    this.registry = registry;
    executions("completed", NONE);
    ReasonCodes.RUN_FAILURES.forEach(reason -> executions("failed", reason));
    executions("retried", ReasonCodes.SEARCH_UNAVAILABLE);
    executions("lease_lost", NONE);
    executions("error", NONE);
    FunctionCounter.builder(EXECUTIONS, queue, RequestQueue::expiredOnClaim)
        .description(DESCRIPTION)
        .tag("outcome", "expired")
        .tag("reason", RequestQueue.DEADLINE_PASSED)
        .register(registry);
    this.fromCache = execution("cache");
    this.fromEngine = execution("engine");
  }

  void ran(ExecutionOutcome outcome, long nanos) {
    if (outcome instanceof ExecutionOutcome.Completed completed) {
      executions("completed", NONE).increment();
      (completed.cacheHit() ? fromCache : fromEngine).record(nanos, TimeUnit.NANOSECONDS);
    } else if (outcome instanceof ExecutionOutcome.Failed failed) {
      executions("failed", failed.reasonCode()).increment();
    } else if (outcome instanceof ExecutionOutcome.RetryScheduled) {
      // Only a passing engine failure is retried.
      executions("retried", ReasonCodes.SEARCH_UNAVAILABLE).increment();
    } else {
      executions("lease_lost", NONE).increment();
    }
  }

  /**
   * Requests the import answered from the cache as they arrived, in {@code nanos} from the start of
   * their import, counted once their transaction has committed.
   */
  public static void answeredOnArrival(MeterRegistry registry, int count, long nanos) {
    Runnable record =
        () -> {
          Counter.builder(EXECUTIONS)
              .description(DESCRIPTION)
              .tag("outcome", "completed")
              .tag("reason", NONE)
              .register(registry)
              .increment(count);
          Timer fromCache = execution(registry, "cache");
          for (int i = 0; i < count; i++) {
            fromCache.record(nanos, TimeUnit.NANOSECONDS);
          }
        };
    AfterCommit.run(record);
  }

  /** A run that threw: nothing was settled, and the request runs again once its lease lapses. */
  void threw() {
    executions("error", NONE).increment();
  }

  private Counter executions(String outcome, String reason) {
    return executions.computeIfAbsent(
        List.of(outcome, reason),
        key ->
            Counter.builder(EXECUTIONS)
                .description(DESCRIPTION)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry));
  }

  private Timer execution(String source) {
    return execution(registry, source);
  }

  private static Timer execution(MeterRegistry registry, String source) {
    return Timer.builder("airlock.execution")
        .description("Runs that answered their request, from start to answer stored, by source")
        .tag("source", source)
        .register(registry);
  }
}
