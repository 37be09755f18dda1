package io.airlock.responseside.queue;

import java.time.Duration;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writes that settle or return a claimed request, each only while the lease is still the
 * caller's: same owner, same attempt, still processing. Whether the lease's time ran out does not
 * matter as long as nobody took the request over, so a slow query that finishes just past its lease
 * is still answered.
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
   * Extends the lease from now and counts a run; returns the run's number, or empty if the lease
   * was no longer the caller's (taken over).
   */
  OptionalInt start(ClaimedRequest request, Duration lease) {
    return jdbc.sql(
            """
            update incoming_requests
            set lease_until = now() + :leaseMs * interval '1 millisecond', runs = runs + 1
            where request_id = :id and status = 'processing'
                and lease_owner = :owner and attempts = :attempts
            returning runs
            """)
        .param("leaseMs", lease.toMillis())
        .param("id", request.requestId())
        .param("owner", request.leaseOwner())
        .param("attempts", request.attempts())
        .query(Integer.class)
        .optional()
        .map(OptionalInt::of)
        .orElse(OptionalInt.empty());
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
