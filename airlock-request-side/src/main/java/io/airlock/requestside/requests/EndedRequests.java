package io.airlock.requestside.requests;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Requests that ended long ago, for the retention: each goes with its response, its cancellation
 * and its idempotency keys (their foreign keys cascade). A request still waiting for its answer
 * (pending, exported, cancelling) never goes.
 */
@Repository
public class EndedRequests {

  private final JdbcClient jdbc;

  EndedRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Removes up to {@code limit} requests that ended before {@code before}, counted from the last
   * thing that happened to them (an answer, a cancellation, the deadline that expired them, a late
   * answer's arrival); returns how many went.
   */
  public int removeEndedBefore(Instant before, int limit) {
    return jdbc.sql(
            """
            delete from requests where ctid in (
              select q.ctid from requests q
              where q.status in ('completed', 'failed', 'expired', 'cancelled')
                and q.submitted_at < :before
                and greatest(q.submitted_at, q.deadline, q.exported_at, q.received_at,
                             q.executed_at, q.result_exported_at, q.result_received_at,
                             q.cancel_requested_at, q.async_search_deleted_at) < :before
              limit :limit)""")
        .param("before", Timestamp.from(before))
        .param("limit", limit)
        .update();
  }
}
