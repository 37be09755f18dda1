package io.airlock.responseside.queue;

import io.airlock.platform.database.CopyIn;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The import's side of the queue: one {@code incoming_requests} row per request id ever received,
 * which is the dedup. The executor claims the queued ones ({@link RequestQueue}); the import only
 * ever moves a queued row to cancelled.
 */
@Repository
public class IncomingRequests {

  /**
   * A request as it is stored. Refused requests keep what could be read; {@code paramsJson} and
   * {@code cacheKey} are set only for a request that passed re-validation; {@code traceparent} only
   * for one that brought its trace context.
   */
  public record Row(
      UUID requestId,
      String traceId,
      String traceparent,
      UUID userId,
      String index,
      String queryType,
      String paramsJson,
      Integer requestedPriority,
      int priority,
      String cacheKey,
      String status,
      String reasonCode,
      String reasonDetail,
      Instant submittedAt,
      Instant deadline,
      Instant receivedAt,
      Long inboundBatchId) {}

  /** What a cancel needs to know of the request it is about. */
  public record Stored(UUID userId, String status, String traceId, Instant receivedAt) {}

  private final JdbcClient jdbc;
  private final DataSource dataSource;

  IncomingRequests(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Which of the requests are stored already. */
  public Set<UUID> existing(Collection<UUID> requestIds) {
    return new HashSet<>(
        jdbc.sql("select request_id from incoming_requests where request_id = any(:ids)")
            .param("ids", requestIds.toArray(UUID[]::new))
            .query(UUID.class)
            .list());
  }

  /**
   * Stores the request; false if one with its id is there already. For the import, the one instance
   * importing requests: it checks and copies in one transaction, as {@link #insertAll}.
   */
  public boolean insert(Row row) {
    if (!existing(List.of(row.requestId())).isEmpty()) {
      return false;
    }
    insertAll(List.of(row));
    return true;
  }

  /**
   * Stores the requests with one {@code COPY}, however many (decision 71): none of them may be
   * stored already (the import checks {@link #existing} first; a stored one fails the statement).
   */
  public void insertAll(List<Row> rows) {
    COPY.write(dataSource, rows);
  }

  private static final CopyIn<Row> COPY =
      CopyIn.into("incoming_requests", Row.class)
          .column("request_id", Row::requestId)
          .column("trace_id", Row::traceId)
          .column("traceparent", Row::traceparent)
          .column("user_id", Row::userId)
          .column("index_name", Row::index)
          .column("query_type", Row::queryType)
          .column("query_params", Row::paramsJson)
          .column("requested_priority", Row::requestedPriority)
          .column("priority", Row::priority)
          .column("cache_key", Row::cacheKey)
          .column("status", Row::status)
          .column("reason_code", Row::reasonCode)
          .column("reason_detail", Row::reasonDetail)
          .column("submitted_at", Row::submittedAt)
          .column("deadline", Row::deadline)
          .column("received_at", Row::receivedAt)
          .column("finished_at", IncomingRequests::finishedAt)
          .column("inbound_batch_id", Row::inboundBatchId);

  // A request that ended on arrival (refused, cancelled, answered from the cache) ended then.
  private static Instant finishedAt(Row row) {
    return "queued".equals(row.status()) ? null : row.receivedAt();
  }

  /** The request, locked until the caller commits, so that no worker claims it meanwhile. */
  public Optional<Stored> lock(UUID requestId) {
    return jdbc.sql(
            """
            select user_id, status, trace_id, received_at from incoming_requests
             where request_id = :id for update""")
        .param("id", requestId)
        .query(
            (rs, n) ->
                new Stored(
                    rs.getObject("user_id", UUID.class),
                    rs.getString("status"),
                    rs.getString("trace_id"),
                    rs.getTimestamp("received_at").toInstant()))
        .optional();
  }

  /** Cancels the request if it still waits in the queue; false if it had moved on. */
  public boolean cancelIfQueued(UUID requestId) {
    return cancelIfQueued(requestId, "cancelled by its user");
  }

  /** As {@link #cancelIfQueued(UUID)}, saying why (who cancelled it). */
  public boolean cancelIfQueued(UUID requestId, String why) {
    return jdbc.sql(
                """
                update incoming_requests
                   set status = 'cancelled', reason_code = 'cancelled',
                       reason_detail = :why, finished_at = now()
                 where request_id = :id and status = 'queued'""")
            .param("id", requestId)
            .param("why", why)
            .update()
        == 1;
  }

  /**
   * Puts a failed request back in the queue for a fresh run, as if it had just arrived: no
   * attempts, no lease, no reason; false if it had not failed.
   */
  public boolean requeueIfFailed(UUID requestId) {
    return jdbc.sql(
                """
                update incoming_requests
                   set status = 'queued', reason_code = null, reason_detail = null, attempts = 0,
                       runs = 0, next_attempt_at = now(), lease_owner = null, lease_until = null,
                       started_at = null, finished_at = null
                 where request_id = :id and status = 'failed' and query_params is not null""")
            .param("id", requestId)
            .update()
        == 1;
  }

  /** Sets the priority of a request still waiting in the queue; false if it had moved on. */
  public boolean prioritizeIfQueued(UUID requestId, int priority) {
    return jdbc.sql(
                """
                update incoming_requests set priority = :priority
                 where request_id = :id and status = 'queued'""")
            .param("id", requestId)
            .param("priority", priority)
            .update()
        == 1;
  }

  /**
   * Removes these requests, for the retention once their answers went; one that is queued or
   * running again (an operator ran it afresh) stays. Returns how many went.
   */
  public int removeAnswered(Collection<UUID> requestIds) {
    if (requestIds.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            delete from incoming_requests
            where request_id in (:ids)
              and status in ('completed', 'failed', 'cancelled', 'expired')""")
        .param("ids", requestIds)
        .update();
  }
}
