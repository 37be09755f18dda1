package io.airlock.responseside.queue;

import io.airlock.platform.database.Columns;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import's side of the queue: one {@code incoming_requests} row per request id ever received,
 * which is the dedup. The executor claims the queued ones ({@link RequestQueue}); the import only
 * ever moves a queued row to cancelled.
 */
@Repository
public class IncomingRequests {

  /**
   * A request as it is stored. Refused requests keep what could be read; {@code params} and {@code
   * cacheKey} are set only for a request that passed re-validation; {@code traceparent} only for
   * one that brought its trace context.
   */
  public record Row(
      UUID requestId,
      String traceId,
      String traceparent,
      UUID userId,
      String index,
      String queryType,
      JsonNode params,
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
  private final JsonMapper json;

  IncomingRequests(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Which of the requests are stored already. */
  public Set<UUID> existing(Collection<UUID> requestIds) {
    return new HashSet<>(
        jdbc.sql("select request_id from incoming_requests where request_id = any(:ids)")
            .param("ids", requestIds.toArray(UUID[]::new))
            .query(UUID.class)
            .list());
  }

  /** Stores the request; false if one with its id is there already. */
  public boolean insert(Row row) {
    return insertAll(List.of(row)) == 1;
  }

  /**
   * Stores the requests with one statement, however many (their fields as arrays, unnested by the
   * database: no statement text or parameter list grows with them); one whose id is there already
   * is left as it is.
   *
   * @return how many were stored
   */
  public int insertAll(List<Row> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            insert into incoming_requests (request_id, trace_id, traceparent, user_id,
                index_name, query_type, query_params, requested_priority, priority, cache_key,
                status, reason_code, reason_detail, submitted_at, deadline, received_at,
                finished_at, inbound_batch_id)
            select * from unnest(cast(:ids as uuid[]), cast(:traceIds as text[]),
                cast(:traceparents as text[]), cast(:userIds as uuid[]),
                cast(:indices as text[]), cast(:queryTypes as text[]),
                cast(:params as jsonb[]), cast(:requestedPriorities as int[]),
                cast(:priorities as int[]), cast(:cacheKeys as text[]),
                cast(:statuses as text[]), cast(:reasonCodes as text[]),
                cast(:reasonDetails as text[]), cast(:submittedAt as timestamptz[]),
                cast(:deadlines as timestamptz[]), cast(:receivedAt as timestamptz[]),
                cast(:finishedAt as timestamptz[]), cast(:batches as bigint[]))
            on conflict (request_id) do nothing""")
        .param("ids", Columns.of(rows, Row::requestId, UUID[]::new))
        .param("traceIds", Columns.texts(rows, Row::traceId))
        .param("traceparents", Columns.texts(rows, Row::traceparent))
        .param("userIds", Columns.of(rows, Row::userId, UUID[]::new))
        .param("indices", Columns.texts(rows, Row::index))
        .param("queryTypes", Columns.texts(rows, Row::queryType))
        .param(
            "params",
            Columns.texts(
                rows, row -> row.params() == null ? null : json.writeValueAsString(row.params())))
        .param("requestedPriorities", Columns.of(rows, Row::requestedPriority, Integer[]::new))
        .param("priorities", Columns.of(rows, Row::priority, Integer[]::new))
        .param("cacheKeys", Columns.texts(rows, Row::cacheKey))
        .param("statuses", Columns.texts(rows, Row::status))
        .param("reasonCodes", Columns.texts(rows, Row::reasonCode))
        .param("reasonDetails", Columns.texts(rows, Row::reasonDetail))
        .param("submittedAt", Columns.texts(rows, row -> text(row.submittedAt())))
        .param("deadlines", Columns.texts(rows, row -> text(row.deadline())))
        .param("receivedAt", Columns.texts(rows, row -> text(row.receivedAt())))
        // A request that ended on arrival (refused, cancelled, answered from the cache) ended then.
        .param(
            "finishedAt",
            Columns.texts(
                rows, row -> "queued".equals(row.status()) ? null : text(row.receivedAt())))
        .param("batches", Columns.of(rows, Row::inboundBatchId, Long[]::new))
        .update();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
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
