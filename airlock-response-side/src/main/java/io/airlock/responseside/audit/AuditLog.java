package io.airlock.responseside.audit;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
  private final NamedParameterJdbcTemplate batch;

  AuditLog(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public void record(Entry entry) {
    recordAll(List.of(entry));
  }

  /** Records the entries, sent to the database at once (one round trip). */
  public void recordAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    batch.batchUpdate(
        """
        insert into audit_logs (actor, sender_node_id, action, record_id, resource_id, outcome,
            reason_code, detail, inbound_batch_id, trace_id)
        values (:actor, :sender, :action, :recordId, :resourceId, :outcome, :reasonCode,
            :detail, :batch, :traceId)""",
        entries.stream().map(AuditLog::parameters).toArray(SqlParameterSource[]::new));
  }

  private static SqlParameterSource parameters(Entry entry) {
    return new MapSqlParameterSource()
        .addValue("actor", entry.actor())
        .addValue("sender", entry.senderNodeId())
        .addValue("action", entry.action())
        .addValue("recordId", entry.recordId())
        .addValue("resourceId", entry.resourceId())
        .addValue("outcome", entry.outcome().name().toLowerCase(Locale.ROOT))
        .addValue("reasonCode", entry.reasonCode())
        .addValue("detail", entry.detail())
        .addValue("batch", entry.inboundBatchId())
        .addValue("traceId", entry.traceId());
  }
}
