package io.airlock.responseside.execution;

import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** What this instance's executor is doing, for the monitoring API and the admin pages. */
@Component
public class ExecutorStatus {

  private final Workers workers;
  private final ExecutorProperties properties;

  ExecutorStatus(Workers workers, ExecutorProperties properties) {
    this.workers = workers;
    this.properties = properties;
  }

  public WorkerStats current() {
    return new WorkerStats(
        workers.instanceId(),
        properties.enabled(),
        workers.configured(),
        workers.alive(),
        workers.busy());
  }

  /**
   * @param instanceId the prefix of this instance's lease owners
   * @param configured worker threads this instance is configured for; 0 when it runs none
   * @param alive worker threads alive now
   * @param busy workers running a request right now
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record WorkerStats(
      String instanceId, boolean enabled, int configured, int alive, int busy) {}
}
