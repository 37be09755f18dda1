package io.airlock.responseside.monitoring;

import io.airlock.platform.retention.RetentionApplied;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What a retention job removed, one system log line per run and kind, never one per row. */
@Component
class RetentionRecords {

  private final SystemLog systemLog;

  RetentionRecords(SystemLog systemLog) {
    this.systemLog = systemLog;
  }

  @EventListener
  void applied(RetentionApplied applied) {
    systemLog.record(
        SystemLog.Level.INFO,
        "retention",
        "Removed " + applied.removed() + " " + applied.kind() + " past their retention",
        Map.of(
            "kind", applied.kind(),
            "removed", applied.removed(),
            "older_than", applied.olderThan().toString()));
  }
}
