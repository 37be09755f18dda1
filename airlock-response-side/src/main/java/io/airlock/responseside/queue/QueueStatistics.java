package io.airlock.responseside.queue;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** How deep the queue is, for the monitoring API and the admin pages. */
@Component
public class QueueStatistics {

  private final JdbcClient jdbc;

  QueueStatistics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Waiting and running requests by status and priority, and the oldest waiting one. */
  public QueueStats current() {
    List<Depth> depth =
        jdbc.sql(
                """
                select status, priority, count(*) as requests,
                    count(*) filter (where next_attempt_at > now()) as waiting_to_retry
                from incoming_requests where status in ('queued', 'processing')
                group by status, priority order by status desc, priority desc
                """)
            .query(
                (row, n) ->
                    new Depth(
                        row.getString("status"),
                        row.getInt("priority"),
                        row.getLong("requests"),
                        row.getLong("waiting_to_retry")))
            .list();
    return jdbc.sql(
            """
            select now() as now, min(received_at) as oldest,
                coalesce(extract(epoch from now() - min(received_at)), 0) as age
            from incoming_requests where status = 'queued'
            """)
        .query(
            (row, n) ->
                new QueueStats(
                    total(depth, "queued"),
                    total(depth, "processing"),
                    depth,
                    row.getTimestamp("oldest") == null
                        ? null
                        : row.getTimestamp("oldest").toInstant(),
                    Math.round(row.getDouble("age")),
                    row.getTimestamp("now").toInstant()))
        .single();
  }

  private static long total(List<Depth> depth, String status) {
    return depth.stream().filter(d -> d.status().equals(status)).mapToLong(Depth::requests).sum();
  }

  /**
   * @param oldestQueuedAgeSeconds 0 when nothing is queued
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record QueueStats(
      long queued,
      long processing,
      List<Depth> depth,
      Instant oldestQueuedReceivedAt,
      long oldestQueuedAgeSeconds,
      Instant asOf) {}

  /**
   * @param waitingToRetry queued requests whose next attempt is not due yet
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record Depth(String status, int priority, long requests, long waitingToRetry) {}
}
