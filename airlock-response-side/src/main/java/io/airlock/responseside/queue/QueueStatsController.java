package io.airlock.responseside.queue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Statistics")
class QueueStatsController {

  private final QueueStatistics statistics;

  QueueStatsController(QueueStatistics statistics) {
    this.statistics = statistics;
  }

  @GetMapping("/stats/queue")
  @Operation(
      summary = "Queue depth",
      description =
          "Requests waiting (queued, including those waiting to be retried) and running"
              + " (processing), by status and priority, and how long the oldest queued one has"
              + " waited since it was received.")
  QueueStatistics.QueueStats queue() {
    return statistics.current();
  }
}
