package io.airlock.responseside.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Statistics")
class WorkerStatsController {

  private final ExecutorStatus status;

  WorkerStatsController(ExecutorStatus status) {
    this.status = status;
  }

  @GetMapping("/stats/workers")
  @Operation(
      summary = "Executor workers of this instance",
      description =
          "Whether this instance executes requests, how many worker threads it is configured"
              + " for, how many are alive and how many are running a request right now.")
  ExecutorStatus.WorkerStats workers() {
    return status.current();
  }
}
