package io.airlock.responseside.queue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
   * cacheKey} are set only for a request that passed re-validation.
   */
  public record Row(
      UUID requestId,
      String traceId,
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

  private static final String INSERT =
      """
      insert into incoming_requests (request_id, trace_id, user_id, index_name,
          query_type, query_params, requested_priority, priority, cache_key, status,
          reason_code, reason_detail, submitted_at, deadline, received_at,
          finished_at, inbound_batch_id)
      values (:id, :traceId, :userId, :index, :queryType, cast(:params as jsonb),
          :requestedPriority, :priority, :cacheKey, :status, :reasonCode, :reasonDetail,
          :submittedAt, :deadline, :receivedAt, :finishedAt, :batch)
      on conflict (request_id) do nothing""";

  /** Stores the request; false if one with its id is there already. */
  public boolean insert(Row row) {
    return jdbc.sql(INSERT).paramSource(parameters(row)).update() == 1;
  }

  /**
   * Stores the requests with one statement, however many (their fields as arrays, unnested by the
   * database: no statement text or parameter list grows with them); one whose id is there already
   * is left as it is.
   */
  public void insertAll(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    UUID[] ids = new UUID[n];
    String[] traceIds = new String[n];
    UUID[] userIds = new UUID[n];
    String[] indices = new String[n];
    String[] queryTypes = new String[n];
    String[] params = new String[n];
    Integer[] requestedPriorities = new Integer[n];
    Integer[] priorities = new Integer[n];
    String[] cacheKeys = new String[n];
    String[] statuses = new String[n];
    String[] reasonCodes = new String[n];
    String[] reasonDetails = new String[n];
    String[] submittedAt = new String[n];
    String[] deadlines = new String[n];
    String[] receivedAt = new String[n];
    String[] finishedAt = new String[n];
    Long[] batches = new Long[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      ids[i] = row.requestId();
      traceIds[i] = row.traceId();
      userIds[i] = row.userId();
      indices[i] = row.index();
      queryTypes[i] = row.queryType();
      params[i] = row.params() == null ? null : json.writeValueAsString(row.params());
      requestedPriorities[i] = row.requestedPriority();
      priorities[i] = row.priority();
      cacheKeys[i] = row.cacheKey();
      statuses[i] = row.status();
      reasonCodes[i] = row.reasonCode();
      reasonDetails[i] = row.reasonDetail();
      submittedAt[i] = text(row.submittedAt());
      deadlines[i] = text(row.deadline());
      receivedAt[i] = text(row.receivedAt());
      finishedAt[i] = "queued".equals(row.status()) ? null : receivedAt[i];
      batches[i] = row.inboundBatchId();
    }
    jdbc.sql(
            """
            insert into incoming_requests (request_id, trace_id, user_id, index_name,
                query_type, query_params, requested_priority, priority, cache_key, status,
                reason_code, reason_detail, submitted_at, deadline, received_at,
                finished_at, inbound_batch_id)
            select * from unnest(cast(:ids as uuid[]), cast(:traceIds as text[]),
                cast(:userIds as uuid[]), cast(:indices as text[]), cast(:queryTypes as text[]),
                cast(:params as jsonb[]), cast(:requestedPriorities as int[]),
                cast(:priorities as int[]), cast(:cacheKeys as text[]),
                cast(:statuses as text[]), cast(:reasonCodes as text[]),
                cast(:reasonDetails as text[]), cast(:submittedAt as timestamptz[]),
                cast(:deadlines as timestamptz[]), cast(:receivedAt as timestamptz[]),
                cast(:finishedAt as timestamptz[]), cast(:batches as bigint[]))
            on conflict (request_id) do nothing""")
        .param("ids", ids)
        .param("traceIds", traceIds)
        .param("userIds", userIds)
        .param("indices", indices)
        .param("queryTypes", queryTypes)
        .param("params", params)
        .param("requestedPriorities", requestedPriorities)
        .param("priorities", priorities)
        .param("cacheKeys", cacheKeys)
        .param("statuses", statuses)
        .param("reasonCodes", reasonCodes)
        .param("reasonDetails", reasonDetails)
        .param("submittedAt", submittedAt)
        .param("deadlines", deadlines)
        .param("receivedAt", receivedAt)
        .param("finishedAt", finishedAt)
        .param("batches", batches)
        .update();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private SqlParameterSource parameters(Row row) {
    boolean ended = !"queued".equals(row.status());
    return new MapSqlParameterSource()
        .addValue("id", row.requestId())
        .addValue("traceId", row.traceId())
        .addValue("userId", row.userId())
        .addValue("index", row.index())
        .addValue("queryType", row.queryType())
        .addValue("params", row.params() == null ? null : json.writeValueAsString(row.params()))
        .addValue("requestedPriority", row.requestedPriority())
        .addValue("priority", row.priority())
        .addValue("cacheKey", row.cacheKey())
        .addValue("status", row.status())
        .addValue("reasonCode", row.reasonCode())
        .addValue("reasonDetail", row.reasonDetail())
        .addValue("submittedAt", timestamp(row.submittedAt()))
        .addValue("deadline", timestamp(row.deadline()))
        .addValue("receivedAt", timestamp(row.receivedAt()))
        .addValue("finishedAt", ended ? timestamp(row.receivedAt()) : null)
        .addValue("batch", row.inboundBatchId());
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
    return jdbc.sql(
                """
                update incoming_requests
                   set status = 'cancelled', reason_code = 'cancelled',
                       reason_detail = 'cancelled by its user', finished_at = now()
                 where request_id = :id and status = 'queued'""")
            .param("id", requestId)
            .update()
        == 1;
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
