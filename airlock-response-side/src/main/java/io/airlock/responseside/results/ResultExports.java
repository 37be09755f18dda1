package io.airlock.responseside.results;

import io.airlock.platform.transfer.Publication;
import io.airlock.transfer.batch.SenderLimits;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers waiting to be exported on the results channel, and their bookkeeping: taken by a
 * batch ({@code export_sequence}) in its allocation transaction, marked exported once that batch is
 * published, and delivered once the request side acknowledged it. The exporter tells which batches
 * are published and acknowledged, from the outbound ledger it owns.
 */
@Repository
public class ResultExports {

  static final String TOO_LARGE = "result_too_large";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ResultExports(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Whether a run has work: enough waiting, the oldest waited long enough, or a batch to mark. */
  public boolean due(int batchTrigger, Duration linger) {
    return jdbc.sql(
            """
            select (select count(*) from (select 1 from query_results
                                          where export_sequence is null limit :trigger) waiting)
                       >= :trigger
                or exists (select 1 from query_results
                           where export_sequence is null
                             and decided_at <= now() - :lingerMs * interval '1 millisecond')
                or exists (select 1 from query_results
                           where exported_at is null and export_sequence is not null)""")
        .param("trigger", batchTrigger)
        .param("lingerMs", linger.toMillis())
        .query(Boolean.class)
        .single();
  }

  /**
   * The oldest answers no batch took, at most as many as one batch may hold, and no more result
   * bytes than one batch may carry plus the one that crosses the line: never hundreds of large
   * results in memory for a batch that takes a few (sizes are summed before results are read).
   */
  public List<TransferRecord> unclaimed(SenderLimits limits) {
    return jdbc.sql(
            """
            with oldest as (
                select request_id, decided_at,
                       sum(coalesce(result_bytes, 0)) over (order by decided_at, request_id)
                           - coalesce(result_bytes, 0) as bytes_before
                from (select request_id, decided_at, result_bytes from query_results
                      where export_sequence is null
                      order by decided_at, request_id limit :limit) waiting)
            select q.request_id, q.trace_id, q.outcome, q.result::text as result, q.result_sha256,
                   q.reason_code, q.reason_detail, q.execution_ms, q.cache_hit, q.received_at,
                   q.decided_at
            from oldest o join query_results q on q.request_id = o.request_id
            where o.bytes_before <= :maxBytes
            order by o.decided_at, o.request_id""")
        .param("limit", limits.maxRecords())
        .param("maxBytes", limits.maxPayloadBytes())
        .query((rs, row) -> record(rs))
        .list();
  }

  private TransferRecord record(ResultSet rs) throws SQLException {
    String id = rs.getString("request_id");
    Instant decidedAt = rs.getTimestamp("decided_at").toInstant();
    Instant receivedAt = instant(rs.getTimestamp("received_at"));
    String outcome = rs.getString("outcome");
    if (outcome.equals("completed")) {
      return new ResultRecord(
          id,
          rs.getString("trace_id"),
          json.readTree(rs.getString("result")),
          rs.getLong("execution_ms"),
          rs.getBoolean("cache_hit"),
          rs.getString("result_sha256"),
          // An executed request was always received first; should a row still lack the time, the
          // decision time stands in rather than a row that blocks every result behind it.
          receivedAt != null ? receivedAt : decidedAt,
          decidedAt);
    }
    return new FailureRecord(
        id,
        rs.getString("trace_id"),
        FailureRecord.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)),
        rs.getString("reason_code"),
        rs.getString("reason_detail"),
        receivedAt,
        decidedAt);
  }

  /**
   * Turns a result no batch can carry into a failure the request side can show. The result moves to
   * {@code oversized_results} for operators here (a failure carries none; its size is in the
   * detail).
   */
  public void failTooLarge(UUID request, String detail) {
    jdbc.sql(
            """
            insert into oversized_results (request_id, result, result_sha256, bytes)
            select request_id, result, result_sha256, coalesce(result_bytes, 0) from query_results
            where request_id = :id and outcome = 'completed' and export_sequence is null
            on conflict (request_id) do nothing""")
        .param("id", request)
        .update();
    jdbc.sql(
            """
            update query_results
            set outcome = 'failed', result = null, result_bytes = null, reason_code = :reason,
                reason_detail = :detail
            where request_id = :id and outcome = 'completed' and export_sequence is null""")
        .param("reason", TOO_LARGE)
        .param("detail", detail)
        .param("id", request)
        .update();
  }

  /**
   * Marks the answers as taken by batch {@code sequence}; runs in its allocation transaction.
   *
   * @throws IllegalStateException when another batch took one of them first (another instance),
   *     which rolls the allocation back so no answer is ever in two batches
   */
  public void claim(long sequence, List<UUID> requests) {
    int claimed =
        jdbc.sql(
                """
                update query_results set export_sequence = :sequence
                where request_id in (:ids) and export_sequence is null""")
            .param("sequence", sequence)
            .param("ids", requests)
            .update();
    if (claimed != requests.size()) {
      throw new IllegalStateException(
          (requests.size() - claimed) + " result(s) were taken by another batch meanwhile");
    }
  }

  /** The batches that took answers not yet marked exported. */
  public List<Long> awaitingPublication() {
    return jdbc.sql(
            """
            select distinct export_sequence from query_results
            where exported_at is null and export_sequence is not null""")
        .query(Long.class)
        .list();
  }

  /** The batches that took answers the request side has not acknowledged yet. */
  public List<Long> awaitingAcknowledgement() {
    return jdbc.sql(
            """
            select distinct export_sequence from query_results
            where acknowledged_at is null and export_sequence is not null""")
        .query(Long.class)
        .list();
  }

  /**
   * Marks exported the answers of every published batch among {@code publications}: just sent,
   * republished, or published before a crash kept it from being marked. Returns how many.
   */
  public int markExported(Map<Long, Publication> publications) {
    int marked = 0;
    for (Map.Entry<Long, Publication> batch : publications.entrySet()) {
      marked +=
          jdbc.sql(
                  """
                  update query_results set exported_at = :publishedAt
                  where exported_at is null and export_sequence = :sequence""")
              .param("publishedAt", Timestamp.from(batch.getValue().publishedAt()))
              .param("sequence", batch.getKey())
              .update();
    }
    return marked;
  }

  /**
   * Marks delivered the answers of every acknowledged batch among {@code publications} (DESIGN §2:
   * a result counts as delivered only then). Returns how many.
   */
  public int markAcknowledged(Map<Long, Publication> publications) {
    int marked = 0;
    for (Map.Entry<Long, Publication> batch : publications.entrySet()) {
      Optional<Instant> acknowledgedAt = batch.getValue().acknowledgedAt();
      if (acknowledgedAt.isEmpty()) {
        continue;
      }
      marked +=
          jdbc.sql(
                  """
                  update query_results
                  set acknowledged_at = :acknowledgedAt,
                      exported_at = coalesce(exported_at, :publishedAt)
                  where acknowledged_at is null and export_sequence = :sequence""")
              .param("acknowledgedAt", Timestamp.from(acknowledgedAt.get()))
              .param("publishedAt", Timestamp.from(batch.getValue().publishedAt()))
              .param("sequence", batch.getKey())
              .update();
    }
    return marked;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
