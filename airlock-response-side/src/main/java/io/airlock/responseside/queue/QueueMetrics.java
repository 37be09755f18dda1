package io.airlock.responseside.queue;

import io.airlock.platform.metrics.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The queue as gauges: requests waiting and running by priority, and how long the oldest waiting
 * one has waited. Every priority a request can have has its series, 0 when none has it, so that a
 * dashboard need not tell a missing series from an empty priority.
 */
@Component
class QueueMetrics {

  /** The highest priority a profile type may allow (the check on profile_types.max_priority). */
  private static final int MAX_PRIORITY = 10;

  private static final List<String> STATUSES = List.of("queued", "processing");

  private static final QueueStatistics.QueueStats NONE =
      new QueueStatistics.QueueStats(0, 0, List.of(), null, 0, null);

  QueueMetrics(QueueStatistics statistics, MeterRegistry registry) {
    Sampled<QueueStatistics.QueueStats> stats =
        new Sampled<>(statistics::current, Duration.ofSeconds(5), NONE);
    for (String status : STATUSES) {
      for (int priority = 0; priority <= MAX_PRIORITY; priority++) {
        int wanted = priority;
        Gauge.builder("airlock.queue.depth", () -> requests(stats.get(), status, wanted))
            .description("Requests in the queue: waiting (queued) or running (processing)")
            .tag("status", status)
            .tag("priority", Integer.toString(priority))
            .register(registry);
      }
    }
    Gauge.builder("airlock.queue.oldest.age", () -> stats.get().oldestQueuedAgeSeconds())
        .description("How long the oldest request waiting to run has waited since it arrived")
        .baseUnit("seconds")
        .register(registry);
  }

  private static long requests(QueueStatistics.QueueStats stats, String status, int priority) {
    return stats.depth().stream()
        .filter(depth -> depth.priority() == priority && depth.status().equals(status))
        .mapToLong(QueueStatistics.Depth::requests)
        .sum();
  }
}
