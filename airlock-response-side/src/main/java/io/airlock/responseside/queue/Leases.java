package io.airlock.responseside.queue;

import io.airlock.platform.database.Columns;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writes that settle or return a claimed request, each only while the lease is still the
 * caller's: same owner, same attempt, still processing. Whether the lease's time ran out does not
 * matter as long as nobody took the request over, so a slow query that finishes just past its lease
 * is still answered. A request has an owner exactly while it is processing (a check on the table),
 * so the statements for a run's requests fence on the owner and the attempt alone.
 */
final class Leases {

  private final JdbcClient jdbc;

  Leases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Ends the request with {@code status}; false if the lease was no longer the caller's. */
  boolean settle(ClaimedRequest request, String status, String reasonCode, String detail) {
    return jdbc.sql(
                """
                update incoming_requests
                set status = :status, reason_code = :reasonCode, reason_detail = :detail,
                    finished_at = now(), lease_owner = null, lease_until = null
                where request_id = :id and status = 'processing'
                    and lease_owner = :owner and attempts = :attempts
                """)
            .param("status", status)
            .param("reasonCode", reasonCode)
            .param("detail", detail)
            .param("id", request.requestId())
            .param("owner", request.leaseOwner())
            .param("attempts", request.attempts())
            .update()
        == 1;
  }

  /**
   * Extends the leases from now and counts a run of each, with one statement; returns the run's
   * number of each request whose lease was still the caller's (the others were taken over).
   */
  Map<UUID, Integer> startAll(List<ClaimedRequest> requests, Duration lease) {
    Map<UUID, Integer> runs = new HashMap<>();
    if (requests.isEmpty()) {
      return runs;
    }
    jdbc.sql(
            """
            update incoming_requests r
            set lease_until = now() + :leaseMs * interval '1 millisecond', runs = r.runs + 1
            from unnest(cast(:ids as uuid[]), cast(:owners as text[]), cast(:attempts as int[]))
                as c(id, owner, attempts)
            where r.request_id = c.id and r.lease_owner = c.owner and r.attempts = c.attempts
            returning r.request_id, r.runs
            """)
        .param("leaseMs", lease.toMillis())
        .params(fencing(requests))
        .query(
            (ResultSet row) -> {
              runs.put(row.getObject("request_id", UUID.class), row.getInt("runs"));
            });
    return runs;
  }

  /**
   * Ends the requests as completed with one statement; returns those whose lease was still the
   * caller's, the only ones ended.
   */
  Set<UUID> completeAll(List<ClaimedRequest> requests) {
    if (requests.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(
                """
                update incoming_requests r
                set status = 'completed', reason_code = null, reason_detail = null,
                    finished_at = now(), lease_owner = null, lease_until = null
                from unnest(cast(:ids as uuid[]), cast(:owners as text[]),
                    cast(:attempts as int[])) as c(id, owner, attempts)
                where r.request_id = c.id and r.lease_owner = c.owner and r.attempts = c.attempts
                returning r.request_id
                """)
            .params(fencing(requests))
            .query(UUID.class)
            .list());
  }

  // The leases' fencing tokens, as the arrays the statements above unnest.
  private static Map<String, Object> fencing(List<ClaimedRequest> requests) {
    return Map.of(
        "ids", Columns.of(requests, ClaimedRequest::requestId, UUID[]::new),
        "owners", Columns.texts(requests, ClaimedRequest::leaseOwner),
        "attempts", Columns.of(requests, ClaimedRequest::attempts, Integer[]::new));
  }

  /**
   * Queues the request again, ready after {@code delay}; {@code uncount} attempts are taken back.
   * The reason, when given, says why the last run failed.
   */
  boolean requeue(
      ClaimedRequest request, Duration delay, int uncount, String reasonCode, String why) {
    return jdbc.sql(
                """
                update incoming_requests
                set status = 'queued', lease_owner = null, lease_until = null,
                    next_attempt_at = now() + :delayMs * interval '1 millisecond',
                    attempts = attempts - :uncount,
                    reason_code = coalesce(:reasonCode, reason_code),
                    reason_detail = coalesce(:why, reason_detail)
                where request_id = :id and status = 'processing'
                    and lease_owner = :owner and attempts = :attempts
                """)
            .param("delayMs", delay.toMillis())
            .param("uncount", uncount)
            .param("reasonCode", reasonCode)
            .param("why", why)
            .param("id", request.requestId())
            .param("owner", request.leaseOwner())
            .param("attempts", request.attempts())
            .update()
        == 1;
  }

  /**
   * Makes requests whose worker let the lease run out ready again. Rows another claimer has locked
   * are being read right now: skipped rather than waited for.
   */
  void returnLapsed() {
    jdbc.sql(
            """
            update incoming_requests set status = 'queued', lease_owner = null,
                lease_until = null, next_attempt_at = now()
            where request_id in (
                select request_id from incoming_requests
                where status = 'processing' and lease_until < now()
                for update skip locked)
            """)
        .update();
  }
}
