package io.airlock.responseside.audit;

import io.airlock.platform.database.Columns;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What this side did with each record that arrived from the other side, and why (DESIGN §2
 * "Trust"). Writes in the caller's transaction: an imported batch and its entries commit, or roll
 * back, together.
 */
@Component
public class AuditLog {

  /** How an audited record ended. */
  public enum Outcome {
    /** It took effect. */
    APPLIED,
    /** It was refused, with a reason. */
    REFUSED,
    /** It changed nothing and needed nothing: a copy already applied, a cancel come too late. */
    IGNORED
  }

  /**
   * One entry.
   *
   * @param actor the user the record speaks for, as sent
   * @param senderNodeId the node that sent it
   * @param action {@code <record type>.<what became of it>}, e.g. {@code request.accepted}
   * @param recordId the record's own id
   * @param resourceId what the record is about: a request id, a user id
   * @param reasonCode a stable snake_case code when refused or ignored
   * @param inboundBatchId the ledger row of the batch that carried it, if known
   */
  public record Entry(
      String actor,
      String senderNodeId,
      String action,
      String recordId,
      String resourceId,
      Outcome outcome,
      String reasonCode,
      String detail,
      Long inboundBatchId,
      String traceId) {}

  private final JdbcClient jdbc;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(Entry entry) {
    recordAll(List.of(entry));
  }

  /**
   * Records the entries with one statement, however many (their fields as arrays, unnested by the
   * database), in their order.
   */
  public void recordAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // WITH ORDINALITY and ORDER BY keep the entries' order in their ids.
    jdbc.sql(
            """
            insert into audit_logs (actor, sender_node_id, action, record_id, resource_id,
                outcome, reason_code, detail, inbound_batch_id, trace_id)
            select actor, sender, action, record_id, resource_id, outcome, reason_code, detail,
                batch, trace_id
            from unnest(cast(:actors as text[]), cast(:senders as text[]),
                cast(:actions as text[]), cast(:recordIds as text[]),
                cast(:resourceIds as text[]), cast(:outcomes as text[]),
                cast(:reasonCodes as text[]), cast(:details as text[]),
                cast(:batches as bigint[]), cast(:traceIds as text[]))
                with ordinality as e(actor, sender, action, record_id, resource_id, outcome,
                    reason_code, detail, batch, trace_id, position)
            order by position""")
        .param("actors", Columns.texts(entries, Entry::actor))
        .param("senders", Columns.texts(entries, Entry::senderNodeId))
        .param("actions", Columns.texts(entries, Entry::action))
        .param("recordIds", Columns.texts(entries, Entry::recordId))
        .param("resourceIds", Columns.texts(entries, Entry::resourceId))
        .param(
            "outcomes",
            Columns.texts(entries, entry -> entry.outcome().name().toLowerCase(Locale.ROOT)))
        .param("reasonCodes", Columns.texts(entries, Entry::reasonCode))
        .param("details", Columns.texts(entries, Entry::detail))
        .param("batches", Columns.of(entries, Entry::inboundBatchId, Long[]::new))
        .param("traceIds", Columns.texts(entries, Entry::traceId))
        .update();
  }

  /** Removes up to {@code limit} entries recorded before {@code before}, for the retention. */
  public int removeBefore(Instant before, int limit) {
    return jdbc.sql(
            """
            delete from audit_logs where ctid in (
              select ctid from audit_logs where at < :before limit :limit)""")
        .param("before", Timestamp.from(before))
        .param("limit", limit)
        .update();
  }
}
