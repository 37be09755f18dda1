package io.airlock.responseside.audit;

import io.airlock.platform.database.CopyIn;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
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
  private final DataSource dataSource;

  AuditLog(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  public void record(Entry entry) {
    recordAll(List.of(entry));
  }

  /**
   * Records the entries with one {@code COPY}, however many, in their order (their ids follow it).
   */
  public void recordAll(List<Entry> entries) {
    COPY.write(dataSource, entries);
  }

  private static final CopyIn<Entry> COPY =
      CopyIn.into("audit_logs", Entry.class)
          .column("actor", Entry::actor)
          .column("sender_node_id", Entry::senderNodeId)
          .column("action", Entry::action)
          .column("record_id", Entry::recordId)
          .column("resource_id", Entry::resourceId)
          .column("outcome", entry -> entry.outcome().name().toLowerCase(Locale.ROOT))
          .column("reason_code", Entry::reasonCode)
          .column("detail", Entry::detail)
          .column("inbound_batch_id", Entry::inboundBatchId)
          .column("trace_id", Entry::traceId);

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
