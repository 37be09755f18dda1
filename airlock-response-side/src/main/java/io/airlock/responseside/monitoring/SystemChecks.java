package io.airlock.responseside.monitoring;

import io.airlock.platform.node.NodeProperties;
import io.airlock.responseside.queue.QueueStatistics;
import io.airlock.responseside.search.ClusterInfo;
import io.airlock.responseside.search.SearchEngine;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The checks the monitoring task runs: each says how a dependency or resource is doing. */
@Component
class SystemChecks {

  private final JdbcClient jdbc;
  private final QueueStatistics queue;
  private final SearchEngine search;
  private final NodeProperties node;
  private final MonitoringProperties properties;

  SystemChecks(
      JdbcClient jdbc,
      QueueStatistics queue,
      SearchEngine search,
      NodeProperties node,
      MonitoringProperties properties) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.search = search;
    this.node = node;
    this.properties = properties;
  }

  List<SystemCheck> run() {
    return List.of(database(), search(), disk(), memory(), backlog());
  }

  SystemCheck database() {
    long started = System.nanoTime();
    try {
      jdbc.sql("select 1").query(Integer.class).single();
      return new SystemCheck(
          "database",
          SystemLog.Level.INFO,
          "database answers",
          Map.of("response_ms", (System.nanoTime() - started) / 1_000_000));
    } catch (DataAccessException e) {
      return new SystemCheck(
          "database",
          SystemLog.Level.ERROR,
          "database does not answer",
          Map.of("reason", String.valueOf(e.getMostSpecificCause().getMessage())));
    }
  }

  SystemCheck search() {
    ClusterInfo info = search.clusterInfo();
    if (info instanceof ClusterInfo.Unavailable unavailable) {
      return new SystemCheck(
          "search",
          SystemLog.Level.ERROR,
          "search cluster unavailable",
          Map.of("reason", unavailable.reason()));
    }
    ClusterInfo.Known known = (ClusterInfo.Known) info;
    Map<String, ?> details =
        Map.of(
            "cluster", known.clusterName(),
            "status", known.status(),
            "distribution", known.distribution(),
            "version", known.version());
    // Yellow is normal for a one-node cluster and answers every query; red cannot search some data.
    return "red".equals(known.status())
        ? new SystemCheck("search", SystemLog.Level.ERROR, "search cluster is red", details)
        : new SystemCheck(
            "search", SystemLog.Level.INFO, "search cluster is " + known.status(), details);
  }

  SystemCheck disk() {
    try {
      FileStore store = Files.getFileStore(node.dataDir());
      long total = store.getTotalSpace();
      double usedPercent = percent(total - store.getUsableSpace(), total);
      Map<String, ?> details =
          Map.of(
              "path", node.dataDir().toString(),
              "used_percent", round(usedPercent),
              "usable_bytes", store.getUsableSpace(),
              "total_bytes", total,
              "warn_percent", properties.diskWarnPercent());
      return usedPercent > properties.diskWarnPercent()
          ? new SystemCheck("disk", SystemLog.Level.WARN, "data disk is filling up", details)
          : new SystemCheck("disk", SystemLog.Level.INFO, "data disk has room", details);
    } catch (IOException e) {
      return new SystemCheck(
          "disk",
          SystemLog.Level.ERROR,
          "data directory unreadable",
          Map.of("path", node.dataDir().toString(), "reason", e.toString()));
    }
  }

  SystemCheck memory() {
    Runtime runtime = Runtime.getRuntime();
    long used = runtime.totalMemory() - runtime.freeMemory();
    long max = runtime.maxMemory();
    double usedPercent = percent(used, max);
    Map<String, ?> details =
        Map.of(
            "used_percent",
            round(usedPercent),
            "used_bytes",
            used,
            "max_bytes",
            max,
            "warn_percent",
            properties.memoryWarnPercent());
    return usedPercent > properties.memoryWarnPercent()
        ? new SystemCheck("memory", SystemLog.Level.WARN, "heap nearly full", details)
        : new SystemCheck("memory", SystemLog.Level.INFO, "heap has room", details);
  }

  SystemCheck backlog() {
    try {
      long queued = queue.current().queued();
      Map<String, ?> details = Map.of("queued", queued, "warn_above", properties.backlogWarn());
      return queued > properties.backlogWarn()
          ? new SystemCheck("backlog", SystemLog.Level.WARN, "request backlog is long", details)
          : new SystemCheck("backlog", SystemLog.Level.INFO, "request backlog is short", details);
    } catch (DataAccessException e) {
      return new SystemCheck(
          "backlog",
          SystemLog.Level.ERROR,
          "request backlog unknown",
          Map.of("reason", String.valueOf(e.getMostSpecificCause().getMessage())));
    }
  }

  private static double percent(long part, long whole) {
    return whole <= 0 ? 0 : 100.0 * part / whole;
  }

  private static double round(double percent) {
    return Math.round(percent * 10) / 10.0;
  }
}
