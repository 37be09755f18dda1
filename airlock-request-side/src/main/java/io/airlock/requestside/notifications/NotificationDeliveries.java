package io.airlock.requestside.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The deliveries of ended requests' notifications. The database makes them, in the transaction that
 * ends a request (a trigger on {@code requests}); here they are claimed, settled, listed for
 * administrators and, once long finished, removed.
 */
@Repository
public class NotificationDeliveries {

  /** A delivery's states: waiting for its next attempt, sent, or given up. */
  public static final List<String> STATUSES = List.of("pending", "sent", "dead");

  private static final int MAX_ERROR = 1_000;

  /** A delivery as administrators see it. */
  @JsonNaming(SnakeCaseStrategy.class)
  public record Listed(
      UUID id,
      UUID requestId,
      UUID userId,
      String channel,
      String target,
      String requestStatus,
      String status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant finishedAt) {}

  /**
   * A delivery claimed for an attempt.
   *
   * @param stages the request's stages as JSON, as they stood when it ended
   * @param attempt which attempt this is, from 1
   */
  record Claimed(
      UUID id,
      UUID requestId,
      UUID userId,
      String channel,
      String target,
      String requestStatus,
      String statusReason,
      String stages,
      int attempt) {}

  private final JdbcClient jdbc;

  NotificationDeliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether a delivery waits for an attempt now: one cheap look before taking the job's lock. */
  boolean anyDue() {
    return jdbc.sql(
            """
            select exists (select 1 from notification_deliveries
                           where status = 'pending' and next_attempt_at <= now())""")
        .query(Boolean.class)
        .single();
  }

  /**
   * Claims up to {@code limit} due deliveries for an attempt: each counts the attempt, and is not
   * due again for {@code lease}, so that an instance that dies while sending it leaves it to be
   * tried again (under the same id) once the lease has run out. Rows another transaction holds are
   * skipped, not waited for.
   */
  List<Claimed> claim(int limit, Duration lease) {
    return jdbc.sql(
            """
            update notification_deliveries d
            set attempts = d.attempts + 1,
                next_attempt_at = now() + :leaseMs * interval '1 millisecond'
            where d.id in (select id from notification_deliveries
                           where status = 'pending' and next_attempt_at <= now()
                           order by next_attempt_at
                           limit :limit
                           for update skip locked)
            returning d.id, d.request_id, d.user_id, d.channel, d.target, d.request_status,
                      d.status_reason, d.stages::text as stages, d.attempts""")
        .param("leaseMs", lease.toMillis())
        .param("limit", limit)
        .query(
            (rs, row) ->
                new Claimed(
                    rs.getObject("id", UUID.class),
                    rs.getObject("request_id", UUID.class),
                    rs.getObject("user_id", UUID.class),
                    rs.getString("channel"),
                    rs.getString("target"),
                    rs.getString("request_status"),
                    rs.getString("status_reason"),
                    rs.getString("stages"),
                    rs.getInt("attempts")))
        .list();
  }

  void sent(UUID id) {
    jdbc.sql(
            """
            update notification_deliveries set status = 'sent', finished_at = now()
            where id = :id and status = 'pending'""")
        .param("id", id)
        .update();
  }

  void retry(UUID id, String error, Duration after) {
    jdbc.sql(
            """
            update notification_deliveries
            set last_error = :error, next_attempt_at = now() + :afterMs * interval '1 millisecond'
            where id = :id and status = 'pending'""")
        .param("error", shortened(error))
        .param("afterMs", after.toMillis())
        .param("id", id)
        .update();
  }

  void dead(UUID id, String error) {
    jdbc.sql(
            """
            update notification_deliveries
            set status = 'dead', last_error = :error, finished_at = now()
            where id = :id and status = 'pending'""")
        .param("error", shortened(error))
        .param("id", id)
        .update();
  }

  /** A page of deliveries, newest first; {@code status} null for any. */
  public List<Listed> page(String status, int limit, long offset) {
    return jdbc.sql(
            """
            select id, request_id, user_id, channel, target, request_status, status, attempts,
                   next_attempt_at, last_error, created_at, finished_at
            from notification_deliveries
            where cast(:status as text) is null or status = :status
            order by created_at desc, id
            limit :limit offset :offset""")
        .param("status", status)
        .param("limit", limit)
        .param("offset", offset)
        .query((rs, row) -> listed(rs))
        .list();
  }

  public long count(String status) {
    return jdbc.sql(
            """
            select count(*) from notification_deliveries
            where cast(:status as text) is null or status = :status""")
        .param("status", status)
        .query(Long.class)
        .single();
  }

  /**
   * Removes up to {@code limit} deliveries sent or given up before {@code before}, for the
   * retention; returns how many went. A pending one stays, however old.
   */
  public int removeFinishedBefore(Instant before, int limit) {
    return jdbc.sql(
            """
            delete from notification_deliveries where ctid in (
              select ctid from notification_deliveries
              where status in ('sent', 'dead') and finished_at < :before
              limit :limit)""")
        .param("before", Timestamp.from(before))
        .param("limit", limit)
        .update();
  }

  private static Listed listed(ResultSet rs) throws SQLException {
    return new Listed(
        rs.getObject("id", UUID.class),
        rs.getObject("request_id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("channel"),
        rs.getString("target"),
        rs.getString("request_status"),
        rs.getString("status"),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("next_attempt_at")),
        rs.getString("last_error"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("finished_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String shortened(String error) {
    return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }
}
