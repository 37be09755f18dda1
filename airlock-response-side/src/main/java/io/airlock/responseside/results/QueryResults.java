package io.airlock.responseside.results;

import io.airlock.platform.database.Columns;
import io.airlock.transfer.records.FailureRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to every request that ended, for the results exporter to send. The first answer
 * stands: a request is answered once, whoever (importer, executor, a retransmitted copy) tries
 * again. Written in the caller's transaction, so a request's status and its answer commit together;
 * decided when written ({@code clock_timestamp()}: the transaction began before the import that
 * answers a request at once had received it).
 */
@Repository
public class QueryResults {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  QueryResults(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records a result.
   *
   * @param decidedAt when the result was found, on this side's clock (as {@code receivedAt}); null
   *     for now, as it is written
   * @return false if the request had been answered already
   */
  public boolean completed(
      UUID requestId,
      String traceId,
      JsonNode result,
      String resultSha256,
      long resultBytes,
      long executionMs,
      boolean cacheHit,
      Instant receivedAt,
      Instant decidedAt) {
    return completedAll(
            List.of(
                new Completed(
                    requestId,
                    traceId,
                    result,
                    resultSha256,
                    resultBytes,
                    executionMs,
                    cacheHit,
                    receivedAt,
                    decidedAt)))
        == 1;
  }

  /**
   * A result for {@link #completedAll}, as {@link #completed}'s parameters; {@code decidedAt} null
   * for when it is written.
   */
  public record Completed(
      UUID requestId,
      String traceId,
      JsonNode result,
      String resultSha256,
      long resultBytes,
      long executionMs,
      boolean cacheHit,
      Instant receivedAt,
      Instant decidedAt) {}

  /**
   * Records results with one statement, however many (their fields as arrays, unnested by the
   * database); a request answered already keeps its first answer.
   *
   * @return how many were recorded
   */
  public int completedAll(List<Completed> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            insert into query_results (request_id, trace_id, outcome, result, result_sha256,
                result_bytes, execution_ms, cache_hit, received_at, decided_at)
            select id, trace_id, 'completed', cast(result as jsonb), sha256, bytes, execution_ms,
                cache_hit, received_at, coalesce(decided_at, clock_timestamp())
            from unnest(cast(:ids as uuid[]), cast(:traceIds as text[]),
                cast(:results as text[]), cast(:sha256s as text[]), cast(:bytes as bigint[]),
                cast(:executionMs as bigint[]), cast(:cacheHits as boolean[]),
                cast(:receivedAt as timestamptz[]), cast(:decidedAt as timestamptz[]))
                as r(id, trace_id, result, sha256, bytes, execution_ms, cache_hit, received_at,
                    decided_at)
            on conflict (request_id) do nothing""")
        .param("ids", Columns.of(rows, Completed::requestId, UUID[]::new))
        .param("traceIds", Columns.texts(rows, Completed::traceId))
        .param("results", Columns.texts(rows, row -> json.writeValueAsString(row.result())))
        .param("sha256s", Columns.texts(rows, Completed::resultSha256))
        .param("bytes", Columns.of(rows, Completed::resultBytes, Long[]::new))
        .param("executionMs", Columns.of(rows, Completed::executionMs, Long[]::new))
        .param("cacheHits", Columns.of(rows, Completed::cacheHit, Boolean[]::new))
        .param("receivedAt", Columns.texts(rows, row -> text(row.receivedAt())))
        .param("decidedAt", Columns.texts(rows, row -> text(row.decidedAt())))
        .update();
  }

  /**
   * Records that a request ended without a result (refused, failed, expired or cancelled).
   *
   * @param receivedAt when the request was received, or null if it never was (a cancel tombstone,
   *     an unreadable record)
   * @return false if the request had been answered already
   */
  public boolean ended(
      UUID requestId,
      String traceId,
      FailureRecord.Outcome outcome,
      String reasonCode,
      String detail,
      Instant receivedAt) {
    return jdbc.sql(
                """
                insert into query_results (request_id, trace_id, outcome, reason_code,
                    reason_detail, received_at, decided_at)
                values (:id, :traceId, :outcome, :reasonCode, :detail, :receivedAt,
                    clock_timestamp())
                on conflict (request_id) do nothing""")
            .param("id", requestId)
            .param("traceId", traceId)
            .param("outcome", outcome.wireName())
            .param("reasonCode", reasonCode)
            .param("detail", detail)
            .param("receivedAt", timestamp(receivedAt))
            .update()
        == 1;
  }

  /**
   * Forgets a request's answer, so that a fresh run can answer it again and the exporter send that
   * answer like any other; false if it had none.
   */
  public boolean forget(UUID requestId) {
    return jdbc.sql("delete from query_results where request_id = :id")
            .param("id", requestId)
            .update()
        == 1;
  }

  /**
   * Keeps a result too large for any results batch, for operators here; the request side is
   * answered with a failure instead (DESIGN §2).
   */
  public void keepOversized(UUID requestId, JsonNode result, String resultSha256, long bytes) {
    jdbc.sql(
            """
            insert into oversized_results (request_id, result, result_sha256, bytes)
            values (:id, cast(:result as jsonb), :sha256, :bytes)
            on conflict (request_id) do nothing""")
        .param("id", requestId)
        .param("result", json.writeValueAsString(result))
        .param("sha256", resultSha256)
        .param("bytes", bytes)
        .update();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /**
   * Removes up to {@code limit} results the request side acknowledged before {@code before}, with
   * their oversized bodies, for the retention; a result not yet acknowledged never goes. Returns
   * the requests they answered.
   */
  public List<UUID> removeAcknowledgedBefore(Instant before, int limit) {
    List<UUID> answered =
        jdbc.sql(
                """
                delete from query_results where ctid in (
                  select ctid from query_results
                  where acknowledged_at is not null and acknowledged_at < :before limit :limit)
                returning request_id""")
            .param("before", Timestamp.from(before))
            .param("limit", limit)
            .query(UUID.class)
            .list();
    if (!answered.isEmpty()) {
      jdbc.sql("delete from oversized_results where request_id in (:ids)")
          .param("ids", answered)
          .update();
    }
    return answered;
  }
}
