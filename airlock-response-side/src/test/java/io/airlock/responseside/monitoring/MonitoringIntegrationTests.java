package io.airlock.responseside.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.node.NodeProperties;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.queue.QueueStatistics;
import io.airlock.responseside.search.SearchEngine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The system checks against the real database, the shared search node and this JVM. */
@ResponseSideIntegrationTest
class MonitoringIntegrationTests {

  @Autowired MonitoringSchedule schedule;
  @Autowired SystemLog systemLog;
  @Autowired SearchEngine search;
  @Autowired QueueStatistics queue;
  @Autowired NodeProperties node;
  @Autowired SingletonJobs jobs;
  @Autowired MonitoringProperties properties;
  @Autowired JdbcClient jdbc;

  @Test
  void writesEveryCheckToTheSystemLog() {
    Instant before = databaseNow();

    schedule.runChecks();

    Map<String, String> levels = levelsSince(before);
    assertThat(levels).containsOnlyKeys("database", "search", "disk", "memory", "backlog");
    assertThat(levels).containsEntry("database", "INFO");
    assertThat(levels).as("the shared node is green or yellow").containsEntry("search", "INFO");
    assertThat(levels).containsEntry("backlog", "INFO");
    assertThat(
            jdbc.sql(
                    """
                    select details ->> 'node' from system_logs
                    where component = 'monitoring' and details ->> 'check' = 'search'
                      and at >= :before""")
                .param("before", Timestamp.from(before))
                .query(String.class)
                .single())
        .isEqualTo(node.nodeId());
  }

  @Test
  void warnsOncePastALoweredThreshold() {
    MonitoringProperties lowered =
        new MonitoringProperties(true, properties.interval(), 0, 0, properties.backlogWarn());
    Instant before = databaseNow();

    new MonitoringSchedule(
            new SystemChecks(jdbc, queue, search, node, lowered), systemLog, jobs, node, lowered)
        .runChecks();

    Map<String, String> levels = levelsSince(before);
    assertThat(levels).containsEntry("disk", "WARN").containsEntry("memory", "WARN");
    assertThat(levels).containsEntry("database", "INFO").containsEntry("backlog", "INFO");
  }

  @Test
  void skipsTheRunWhileAnotherInstanceRunsTheChecks() {
    jdbc.sql(
            """
            insert into shedlock (name, lock_until, locked_at, locked_by)
            values ('monitoring', now() + interval '1 minute', now(), 'other')
            on conflict (name) do update
            set lock_until = excluded.lock_until, locked_by = excluded.locked_by""")
        .update();
    Instant before = databaseNow();
    try {
      schedule.runChecks();
      assertThat(levelsSince(before)).isEmpty();
    } finally {
      jdbc.sql("update shedlock set lock_until = now() where name = 'monitoring'").update();
    }
    schedule.runChecks();
    assertThat(levelsSince(before)).hasSize(5);
  }

  private Map<String, String> levelsSince(Instant since) {
    List<Map<String, Object>> rows =
        jdbc.sql(
                """
                select details ->> 'check' as check_name, level from system_logs
                where component = 'monitoring' and at >= :since""")
            .param("since", Timestamp.from(since))
            .query()
            .listOfRows();
    return rows.stream()
        .collect(Collectors.toMap(r -> (String) r.get("check_name"), r -> (String) r.get("level")));
  }

  private Instant databaseNow() {
    return jdbc.sql("select clock_timestamp()").query(Instant.class).single();
  }
}
