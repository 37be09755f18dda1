package io.airlock.responseside.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

@RestController
@Tag(name = "Statistics")
class WorkerStatsController {

  private final Workers workers;
  private final ExecutorProperties properties;

  WorkerStatsController(Workers workers, ExecutorProperties properties) {
    this.workers = workers;
    this.properties = properties;
  }

  @GetMapping("/stats/workers")
  @Operation(
      summary = "Executor workers of this instance",
      description =
          "Whether this instance executes requests, how many worker threads it is configured"
              + " for, how many are alive and how many are running a request right now.")
  WorkerStats workers() {
    return new WorkerStats(
        workers.instanceId(),
        properties.enabled(),
        properties.enabled() ? properties.workerCount() : 0,
        workers.alive(),
        workers.busy());
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record WorkerStats(String instanceId, boolean enabled, int configured, int alive, int busy) {}
}
