package io.airlock.requestside.requests;

import io.airlock.platform.transfer.Publication;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RequestRecord;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests and cancellations waiting to cross on the requests channel, and their lifecycle
 * around it: taken by a batch ({@code export_sequence}) in its allocation transaction, exported
 * once that batch is published, expired when their deadline passes before export or without an
 * answer. The exporter drives it, telling which batches are published.
 */
@Repository
public class RequestExports {

  static final String DEADLINE_PASSED = "deadline passed before export";
  static final String NO_ANSWER = "no answer came from the response side by the deadline";
  static final String TOO_LARGE = "too large to export";

  private final JdbcClient jdbc;

  RequestExports(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Whether an export has work: {@code batchTrigger} requests pending, one pending or a
   * cancellation waiting longer than {@code linger}, or a batch whose records are not marked yet.
   */
  public boolean due(int batchTrigger, Duration linger) {
    return jdbc.sql(
            """
            select (select count(*) from requests
                    where status = 'pending' and export_sequence is null) >= :trigger
                or exists (select 1 from requests
                           where status = 'pending' and export_sequence is null
                             and submitted_at <= now() - :lingerMs * interval '1 millisecond')
                or exists (select 1 from request_cancellations
                           where exported_at is null and export_sequence is null
                             and requested_at <= now() - :lingerMs * interval '1 millisecond')
                or exists (select 1 from requests
                           where exported_at is null and export_sequence is not null)
                or exists (select 1 from request_cancellations
                           where exported_at is null and export_sequence is not null)""")
        .param("trigger", batchTrigger)
        .param("lingerMs", linger.toMillis())
        .query(Boolean.class)
        .single();
  }

  /** Pending requests no batch took whose deadline passed become expired; returns how many. */
  public int expireOverdue() {
    return jdbc.sql(
            """
            update requests set status = 'expired', status_reason = :reason
            where status = 'pending' and export_sequence is null and deadline <= now()""")
        .param("reason", DEADLINE_PASSED)
        .update();
  }

  /**
   * Exported requests still unanswered {@code grace} past their deadline become expired (DESIGN §2
   * "never lost": the request side marks a request expired if no answer came); an answer arriving
   * later finds the request answered and is only audited. Returns how many.
   */
  public int expireUnanswered(Duration grace) {
    return jdbc.sql(
            """
            update requests r set status = 'expired', status_reason = :reason
            where r.status in ('exported', 'cancelling')
              and r.deadline + :graceMs * interval '1 millisecond' <= now()
              and not exists (select 1 from responses s where s.request_id = r.id)""")
        .param("reason", NO_ANSWER)
        .param("graceMs", grace.toMillis())
        .update();
  }

  /** A pending request larger than any batch fails unexported. */
  public void failTooLarge(UUID request) {
    jdbc.sql(
            """
            update requests set status = 'failed', status_reason = :reason
            where id = :id and status = 'pending' and export_sequence is null""")
        .param("reason", TOO_LARGE)
        .param("id", request)
        .update();
  }

  /** Up to {@code limit} requests no batch took, highest priority first, then oldest. */
  public List<RequestRecord> unclaimedRequests(int limit) {
    return jdbc.sql(
            """
            select id, trace_id, owner_id, index_name, query_type, query_params::text as params,
                   priority, submitted_at, deadline, traceparent
            from requests
            where status = 'pending' and export_sequence is null
            order by priority desc, submitted_at, id
            limit :limit""")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new RequestRecord(
                    rs.getString("id"),
                    rs.getString("trace_id"),
                    rs.getString("owner_id"),
                    rs.getString("index_name"),
                    QueryType.fromWireName(rs.getString("query_type")).orElseThrow(),
                    JsonMapper.shared().readTree(rs.getString("params")),
                    rs.getInt("priority"),
                    rs.getTimestamp("submitted_at").toInstant(),
                    rs.getTimestamp("deadline").toInstant(),
                    traceparent(rs.getString("traceparent"))))
        .list();
  }

  /** A stored trace context, unless a hand-edited row spoiled it: never a reason not to export. */
  private static String traceparent(String stored) {
    return stored != null && RequestRecord.TRACEPARENT.matcher(stored).matches() ? stored : null;
  }

  /** Up to {@code limit} cancellations no batch took, oldest first. */
  public List<CancelRecord> unclaimedCancellations(int limit) {
    return jdbc.sql(
            """
            select id, trace_id, request_id, user_id, requested_at from request_cancellations
            where exported_at is null and export_sequence is null
            order by requested_at, id
            limit :limit""")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new CancelRecord(
                    rs.getString("id"),
                    rs.getString("trace_id"),
                    rs.getString("request_id"),
                    rs.getString("user_id"),
                    rs.getTimestamp("requested_at").toInstant()))
        .list();
  }

  /**
   * Marks the requests and cancellations as taken by batch {@code sequence}; runs in its allocation
   * transaction.
   *
   * @throws IllegalStateException when one of them changed meanwhile (another instance took it, its
   *     owner cancelled it), which rolls the allocation back so no record is ever in two batches
   */
  public void claim(long sequence, List<UUID> requests, List<UUID> cancellations) {
    if (!requests.isEmpty()) {
      int taken =
          jdbc.sql(
                  """
                  update requests set export_sequence = :sequence
                  where id in (:ids) and export_sequence is null and status = 'pending'""")
              .param("sequence", sequence)
              .param("ids", requests)
              .update();
      changedMeanwhile(requests.size() - taken, "requests");
    }
    if (!cancellations.isEmpty()) {
      int taken =
          jdbc.sql(
                  """
                  update request_cancellations set export_sequence = :sequence
                  where id in (:ids) and export_sequence is null and exported_at is null""")
              .param("sequence", sequence)
              .param("ids", cancellations)
              .update();
      changedMeanwhile(cancellations.size() - taken, "request_cancellations");
    }
  }

  private static void changedMeanwhile(int records, String table) {
    if (records > 0) {
      throw new IllegalStateException(
          records + " record(s) of " + table + " changed while being exported");
    }
  }

  /** The batches that took requests or cancellations not yet marked exported. */
  public List<Long> awaitingPublication() {
    return jdbc.sql(
            """
            select export_sequence from requests
            where exported_at is null and export_sequence is not null
            union
            select export_sequence from request_cancellations
            where exported_at is null and export_sequence is not null""")
        .query(Long.class)
        .list();
  }

  /**
   * Marks exported the records of every published batch among {@code publications}: just sent,
   * republished, or published before a crash kept it from being marked. A request its owner
   * cancelled meanwhile keeps its status (its cancel record follows) but gets its export time. A
   * batch published before a crash may have been answered before its publication is marked here,
   * after the restart; its export time is then no later than its answer's arrival, which it
   * preceded. Returns how many requests.
   */
  public int markExported(Map<Long, Publication> publications) {
    int requests = 0;
    for (Map.Entry<Long, Publication> batch : publications.entrySet()) {
      Timestamp publishedAt = Timestamp.from(batch.getValue().publishedAt());
      requests +=
          jdbc.sql(
                  """
                  update requests
                  set status = case when status = 'pending' then 'exported' else status end,
                      exported_at = least(:publishedAt, result_received_at)
                  where exported_at is null and export_sequence = :sequence""")
              .param("publishedAt", publishedAt)
              .param("sequence", batch.getKey())
              .update();
      jdbc.sql(
              """
              update request_cancellations set exported_at = :publishedAt
              where exported_at is null and export_sequence = :sequence""")
          .param("publishedAt", publishedAt)
          .param("sequence", batch.getKey())
          .update();
    }
    return requests;
  }
}
