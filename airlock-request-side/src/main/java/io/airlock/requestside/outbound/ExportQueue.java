package io.airlock.requestside.outbound;

import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.records.AccountChangeRecord;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RequestRecord;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records waiting to be exported on the requests channel, and their bookkeeping: taken by a
 * batch ({@code export_sequence}) in its allocation transaction, marked exported once the ledger
 * shows that batch published.
 */
@Repository
class ExportQueue {

  static final String DEADLINE_PASSED = "deadline passed before export";
  static final String NO_ANSWER = "no answer came from the response side by the deadline";
  static final String TOO_LARGE = "too large to export";

  private final JdbcClient jdbc;
  private final SenderEpoch sender;

  ExportQueue(JdbcClient jdbc, SenderEpoch sender) {
    this.jdbc = jdbc;
    this.sender = sender;
  }

  /**
   * Whether a run has work: enough pending, the oldest waited long enough, or a batch to finish.
   */
  boolean due(int batchTrigger, Duration linger) {
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
                or exists (select 1 from account_changes
                           where exported_at is null and export_sequence is null
                             and created_at <= now() - :lingerMs * interval '1 millisecond')
                or exists (select 1 from requests
                           where exported_at is null and export_sequence is not null)
                or exists (select 1 from request_cancellations
                           where exported_at is null and export_sequence is not null)
                or exists (select 1 from account_changes
                           where exported_at is null and export_sequence is not null)""")
        .param("trigger", batchTrigger)
        .param("lingerMs", linger.toMillis())
        .query(Boolean.class)
        .single();
  }

  /** Pending requests no batch took whose deadline passed become expired; returns how many. */
  int expireOverdue() {
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
  int expireUnanswered(Duration grace) {
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

  void failTooLarge(UUID request) {
    jdbc.sql(
            """
            update requests set status = 'failed', status_reason = :reason
            where id = :id and status = 'pending' and export_sequence is null""")
        .param("reason", TOO_LARGE)
        .param("id", request)
        .update();
  }

  /** Up to {@code limit} requests no batch took, highest priority first, then oldest. */
  List<RequestRecord> unclaimedRequests(int limit) {
    return jdbc.sql(
            """
            select id, trace_id, owner_id, index_name, query_type, query_params::text as params,
                   priority, submitted_at, deadline
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
                    rs.getTimestamp("deadline").toInstant()))
        .list();
  }

  List<CancelRecord> unclaimedCancellations(int limit) {
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

  List<AccountChangeRecord> unclaimedAccountChanges(int limit) {
    return jdbc.sql(
            """
            select id, user_id, display_name, email, password_hash, created_at
            from account_changes
            where exported_at is null and export_sequence is null
            order by created_at, id
            limit :limit""")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new AccountChangeRecord(
                    rs.getString("id"),
                    rs.getString("user_id"),
                    rs.getString("display_name"),
                    rs.getString("email"),
                    rs.getString("password_hash"),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  /**
   * Marks the records as taken by batch {@code sequence}; runs in its allocation transaction.
   *
   * @throws IllegalStateException when another batch took one of them first (another instance),
   *     which rolls the allocation back so no record is ever in two batches
   */
  void claim(long sequence, Claim claim) {
    claim(sequence, "requests", "status = 'pending'", claim.requests());
    claim(sequence, "request_cancellations", "exported_at is null", claim.cancellations());
    claim(sequence, "account_changes", "exported_at is null", claim.accountChanges());
  }

  private void claim(long sequence, String table, String stillOpen, List<UUID> ids) {
    if (ids.isEmpty()) {
      return;
    }
    int claimed =
        jdbc.sql(
                "update "
                    + table
                    + " set export_sequence = :sequence where id in (:ids)"
                    + " and export_sequence is null and "
                    + stillOpen)
            .param("sequence", sequence)
            .param("ids", ids)
            .update();
    if (claimed != ids.size()) {
      throw new IllegalStateException(
          (ids.size() - claimed) + " record(s) of " + table + " changed while being exported");
    }
  }

  /**
   * Marks exported every record whose batch the ledger shows published: just sent, republished, or
   * published before a crash kept it from being marked. A request its owner cancelled meanwhile
   * keeps its status (its cancel record follows) but gets its export time. A batch published before
   * a crash may have been answered before its publication is marked here, after the restart; its
   * export time is then no later than its answer's arrival, which it preceded. Returns how many
   * requests.
   */
  int markPublished() {
    int requests =
        jdbc.sql(
                """
                update requests
                set status = case when requests.status = 'pending' then 'exported'
                                  else requests.status end,
                    exported_at = least(b.published_at, requests.result_received_at)
                from outbound_batches b
                where requests.exported_at is null and requests.export_sequence = b.sequence
                  and b.sender_epoch = :epoch and b.channel = :channel and b.state in ('PUBLISHED', 'ACKNOWLEDGED')
                """)
            .param("epoch", sender.epoch())
            .param("channel", Channel.REQUESTS.wireName())
            .update();
    for (String table : List.of("request_cancellations", "account_changes")) {
      jdbc.sql(
              """
              update %s t set exported_at = b.published_at
              from outbound_batches b
              where t.exported_at is null and t.export_sequence = b.sequence
                and b.sender_epoch = :epoch and b.channel = :channel and b.state in ('PUBLISHED', 'ACKNOWLEDGED')
              """
                  .formatted(table))
          .param("epoch", sender.epoch())
          .param("channel", Channel.REQUESTS.wireName())
          .update();
    }
    return requests;
  }

  /** The ids a batch takes, by table. */
  record Claim(List<UUID> requests, List<UUID> cancellations, List<UUID> accountChanges) {}
}
