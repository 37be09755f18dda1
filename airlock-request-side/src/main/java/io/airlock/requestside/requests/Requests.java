package io.airlock.requestside.requests;

import io.airlock.platform.database.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Requests submitted on this side. Every read and write is scoped to the owner. */
@Repository
class Requests {

  /** A new request, already checked. */
  record NewRequest(
      UUID id,
      UUID ownerId,
      String index,
      String queryType,
      String canonicalParams,
      int priority,
      Instant submittedAt,
      Instant deadline,
      String traceId,
      String traceparent) {}

  private static final String SELECT =
      """
      select q.id, q.index_name, q.query_type, q.query_params::text as query_params, q.priority,
             q.status, q.status_reason, q.deadline, q.trace_id, q.cancel_requested_at,
             q.submitted_at, q.exported_at, q.received_at, q.executed_at, q.result_exported_at,
             q.result_received_at,
             r.request_id is not null as has_response, r.execution_ms, r.cache_hit,
             r.result_sha256, r.received_at as response_received_at
      from requests q left join responses r on r.request_id = q.id
      """;

  private static final RowMapper<StoredRequest> STORED = Requests::stored;

  private final JdbcClient jdbc;

  Requests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the requests, pending, with one statement. */
  void addAll(List<NewRequest> added) {
    jdbc.sql(
            """
            insert into requests (id, owner_id, index_name, query_type, query_params, priority,
                                  status, deadline, submitted_at, trace_id, traceparent)
            select id, owner_id, index_name, query_type, query_params, priority, 'pending',
                   deadline, submitted_at, trace_id, traceparent
            from unnest(cast(:ids as uuid[]), cast(:owners as uuid[]), cast(:indices as text[]),
                        cast(:queryTypes as text[]), cast(:params as jsonb[]),
                        cast(:priorities as int[]), cast(:deadlines as timestamptz[]),
                        cast(:submittedAt as timestamptz[]), cast(:traceIds as text[]),
                        cast(:traceparents as text[]))
                 as added(id, owner_id, index_name, query_type, query_params, priority, deadline,
                          submitted_at, trace_id, traceparent)
            """)
        .param("ids", Columns.texts(added, request -> request.id().toString()))
        .param("owners", Columns.texts(added, request -> request.ownerId().toString()))
        .param("indices", Columns.texts(added, NewRequest::index))
        .param("queryTypes", Columns.texts(added, NewRequest::queryType))
        .param("params", Columns.texts(added, NewRequest::canonicalParams))
        .param("priorities", Columns.texts(added, request -> String.valueOf(request.priority())))
        .param("deadlines", Columns.texts(added, request -> request.deadline().toString()))
        .param("submittedAt", Columns.texts(added, request -> request.submittedAt().toString()))
        .param("traceIds", Columns.texts(added, NewRequest::traceId))
        .param("traceparents", Columns.texts(added, NewRequest::traceparent))
        .update();
  }

  Optional<StoredRequest> byId(UUID ownerId, UUID id) {
    return jdbc.sql(SELECT + " where q.owner_id = :ownerId and q.id = :id")
        .param("ownerId", ownerId)
        .param("id", id)
        .query(STORED)
        .optional();
  }

  /** The owner's request unless it was deleted as an async search (ElasticsearchController). */
  Optional<StoredRequest> asAsyncSearch(UUID ownerId, UUID id) {
    return jdbc.sql(
            SELECT
                + " where q.owner_id = :ownerId and q.id = :id"
                + " and q.async_search_deleted_at is null")
        .param("ownerId", ownerId)
        .param("id", id)
        .query(STORED)
        .optional();
  }

  /**
   * Forgets a request as an async search (its DELETE, after cancelling it if it was still under
   * way); false if the owner has no such request left to forget.
   */
  boolean deleteAsAsyncSearch(UUID ownerId, UUID id) {
    return jdbc.sql(
                """
                update requests set async_search_deleted_at = now()
                where owner_id = :ownerId and id = :id and async_search_deleted_at is null""")
            .param("ownerId", ownerId)
            .param("id", id)
            .update()
        > 0;
  }

  /** These requests as stored now, whoever owns them; the unknown ones are left out. */
  List<StoredRequest> byIds(Collection<UUID> ids) {
    return jdbc.sql(SELECT + " where q.id = any(:ids)")
        .param("ids", ids.toArray(UUID[]::new))
        .query(STORED)
        .list();
  }

  /** One page of the owner's requests, newest first unless {@code oldestFirst}. */
  List<StoredRequest> page(UUID ownerId, RequestStatus status, boolean oldestFirst, Paging paging) {
    String order = oldestFirst ? "asc" : "desc";
    return jdbc.sql(
            SELECT
                + " where q.owner_id = :ownerId and (cast(:status as text) is null"
                + " or q.status = :status)"
                + " order by q.submitted_at "
                + order
                + ", q.id "
                + order
                + " limit :limit offset :offset")
        .param("ownerId", ownerId)
        .param("status", status == null ? null : status.wireName())
        .param("limit", paging.size())
        .param("offset", paging.offset())
        .query(STORED)
        .list();
  }

  long count(UUID ownerId, RequestStatus status) {
    return jdbc.sql(
            """
            select count(*) from requests
            where owner_id = :ownerId and (cast(:status as text) is null or status = :status)
            """)
        .param("ownerId", ownerId)
        .param("status", status == null ? null : status.wireName())
        .query(Long.class)
        .single();
  }

  /** The owner's request's status, locking the row until the transaction ends. */
  Optional<RequestStatus> lockStatus(UUID ownerId, UUID id) {
    // A pending request a batch has taken (export_sequence) has left as far as a cancel is
    // concerned: the batch is in the ledger and will be published, so it needs a cancel record.
    return jdbc.sql(
            """
            select case when status = 'pending' and export_sequence is not null then 'exported'
                        else status end
            from requests where owner_id = :ownerId and id = :id for update""")
        .param("ownerId", ownerId)
        .param("id", id)
        .query(String.class)
        .optional()
        .map(name -> RequestStatus.fromWireName(name).orElseThrow());
  }

  /** Records the owner's cancellation: the request's new status and when it was asked for. */
  void cancelled(UUID id, RequestStatus status, String reason, Instant cancelRequestedAt) {
    jdbc.sql(
            """
            update requests set status = :status, status_reason = :reason,
                                cancel_requested_at = :at
            where id = :id
            """)
        .param("status", status.wireName())
        .param("reason", reason)
        .param("at", Timestamp.from(cancelRequestedAt))
        .param("id", id)
        .update();
  }

  private static StoredRequest stored(ResultSet rs, int row) throws SQLException {
    StoredRequest.ResponseSummary response =
        rs.getBoolean("has_response")
            ? new StoredRequest.ResponseSummary(
                rs.getLong("execution_ms"),
                rs.getBoolean("cache_hit"),
                rs.getString("result_sha256"),
                instant(rs.getTimestamp("response_received_at")))
            : null;
    return new StoredRequest(
        rs.getObject("id", UUID.class),
        rs.getString("index_name"),
        rs.getString("query_type"),
        rs.getString("query_params"),
        rs.getInt("priority"),
        rs.getString("status"),
        rs.getString("status_reason"),
        instant(rs.getTimestamp("deadline")),
        rs.getString("trace_id"),
        instant(rs.getTimestamp("cancel_requested_at")),
        Stages.of(rs),
        response);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
