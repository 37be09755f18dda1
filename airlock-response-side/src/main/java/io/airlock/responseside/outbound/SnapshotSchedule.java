package io.airlock.responseside.outbound;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Takes a full directory snapshot once the last complete one is older than the interval. Checked
 * against the database rather than timed from start-up, so restarts neither skip nor repeat one,
 * and a snapshot cut short is taken again at the next check.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "airlock.directory.snapshot.enabled", matchIfMissing = true)
class SnapshotSchedule implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

  private final DirectorySnapshots snapshots;
  private final SnapshotProperties properties;

  SnapshotSchedule(DirectorySnapshots snapshots, SnapshotProperties properties) {
    this.snapshots = snapshots;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this::check, properties.checkInterval());
  }

  void check() {
    try {
      snapshots.takeIfDue(properties.interval());
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Directory snapshot failed; trying again in {}: {}",
          properties.checkInterval(),
          e.toString());
    }
  }
}
