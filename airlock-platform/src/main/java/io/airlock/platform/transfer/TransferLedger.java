package io.airlock.platform.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.transfer.Channel;
import io.airlock.transfer.batch.BatchName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The batch ledger as the admin listings show it: what this side sent and what it received, newest
 * first.
 */
public final class TransferLedger {

  public static final List<String> EXPORT_STATES =
      List.of("allocated", "published", "acknowledged");
  public static final List<String> IMPORT_OUTCOMES =
      List.of("applied", "duplicate", "conflict", "rejected");

  public record ExportBatch(
      String channel,
      long sequence,
      @JsonProperty("sender_epoch") String senderEpoch,
      @JsonProperty("batch_id") UUID batchId,
      @JsonProperty("record_count") int recordCount,
      @JsonProperty("payload_file") String payloadFile,
      @JsonProperty("payload_bytes") Long payloadBytes,
      @JsonProperty("payload_sha256") String payloadSha256,
      String compression,
      String state,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("published_at") Instant publishedAt,
      @JsonProperty("acknowledged_at") Instant acknowledgedAt,
      @JsonProperty("send_count") int sendCount,
      @JsonProperty("pruned_at") Instant prunedAt) {

    /** The name its files have. */
    public BatchName name() {
      return new BatchName(Channel.fromWireName(channel).orElseThrow(), sequence, batchId);
    }
  }

  /**
   * What the peer has said of an outbound batch.
   *
   * @param acknowledged the peer applied it
   * @param reportedMissing the peer's newest acks list it as missing: it will be re-sent
   * @param reportedAt when the peer wrote those acks (its clock); null if it never did
   */
  public record PeerAck(boolean acknowledged, boolean reportedMissing, Instant reportedAt) {}

  /** A record of an inbound batch that was refused, with why and the line as it came. */
  public record QuarantinedRecord(
      @JsonProperty("line_number") int lineNumber,
      @JsonProperty("record_type") String recordType,
      @JsonProperty("record_id") String recordId,
      String reason,
      String raw) {}

  public record ImportBatch(
      long id,
      @JsonProperty("sender_node_id") String senderNodeId,
      @JsonProperty("sender_epoch") String senderEpoch,
      String channel,
      Long sequence,
      @JsonProperty("batch_id") UUID batchId,
      @JsonProperty("record_count") Integer recordCount,
      String outcome,
      @JsonProperty("reason_code") String reasonCode,
      @JsonProperty("reason_detail") String reasonDetail,
      @JsonProperty("file_name") String fileName,
      @JsonProperty("received_at") Instant receivedAt,
      @JsonProperty("quarantined_records") long quarantinedRecords) {}

  private static final String EXPORTS_WHERE =
      """
       where (cast(:channel as text) is null or channel = :channel)
         and (cast(:state as text) is null or state = upper(:state))
      """;

  private static final String IMPORTS_WHERE =
      """
       where (cast(:channel as text) is null or b.channel = :channel)
         and (cast(:outcome as text) is null or b.outcome = upper(:outcome))
      """;

  private final JdbcClient jdbc;

  public TransferLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** This side's outbound batches; {@code channel} and {@code state} null for any. */
  public List<ExportBatch> exports(String channel, String state, int limit, long offset) {
    return jdbc.sql(
            "select * from outbound_batches"
                + EXPORTS_WHERE
                + " order by created_at desc, channel, sequence desc limit :limit offset :offset")
        .param("channel", channel)
        .param("state", state)
        .param("limit", limit)
        .param("offset", offset)
        .query(TransferLedger::export)
        .list();
  }

  /** One outbound batch, by its id. */
  public Optional<ExportBatch> export(UUID batchId) {
    return jdbc.sql("select * from outbound_batches where batch_id = :id")
        .param("id", batchId)
        .query(TransferLedger::export)
        .optional();
  }

  /** What the peer has said of an outbound batch. */
  public PeerAck peerAck(ExportBatch batch) {
    Optional<PeerAck> reported =
        jdbc.sql(
                """
                select :sequence = any(missing) as missing, reported_at
                from outbound_peer_acks where sender_epoch = :epoch and channel = :channel
                """)
            .param("sequence", batch.sequence())
            .param("epoch", batch.senderEpoch())
            .param("channel", batch.channel())
            .query(
                (rs, n) ->
                    new PeerAck(
                        "ACKNOWLEDGED".equals(batch.state()),
                        rs.getBoolean("missing"),
                        instant(rs.getTimestamp("reported_at"))))
            .optional();
    return reported.orElse(new PeerAck("ACKNOWLEDGED".equals(batch.state()), false, null));
  }

  public long countExports(String channel, String state) {
    return jdbc.sql("select count(*) from outbound_batches" + EXPORTS_WHERE)
        .param("channel", channel)
        .param("state", state)
        .query(Long.class)
        .single();
  }

  /** Every batch that arrived, with how many of its records were quarantined. */
  public List<ImportBatch> imports(String channel, String outcome, int limit, long offset) {
    return jdbc.sql(
            """
            select b.*, (select count(*) from quarantined_records r
                         where r.inbound_batch_id = b.id) as quarantined
            from inbound_batches b"""
                + IMPORTS_WHERE
                + " order by b.received_at desc, b.id desc limit :limit offset :offset")
        .param("channel", channel)
        .param("outcome", outcome)
        .param("limit", limit)
        .param("offset", offset)
        .query(TransferLedger::received)
        .list();
  }

  /** One inbound batch, by its ledger id. */
  public Optional<ImportBatch> received(long id) {
    return jdbc.sql(
            """
            select b.*, (select count(*) from quarantined_records r
                         where r.inbound_batch_id = b.id) as quarantined
            from inbound_batches b where b.id = :id""")
        .param("id", id)
        .query(TransferLedger::received)
        .optional();
  }

  /** The first {@code limit} records quarantined from an inbound batch, in line order. */
  public List<QuarantinedRecord> quarantined(long inboundBatchId, int limit) {
    return jdbc.sql(
            """
            select line_number, record_type, record_id, reason, raw from quarantined_records
            where inbound_batch_id = :id order by line_number, id limit :limit""")
        .param("id", inboundBatchId)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new QuarantinedRecord(
                    rs.getInt("line_number"),
                    rs.getString("record_type"),
                    rs.getString("record_id"),
                    rs.getString("reason"),
                    rs.getString("raw")))
        .list();
  }

  public long countImports(String channel, String outcome) {
    return jdbc.sql("select count(*) from inbound_batches b" + IMPORTS_WHERE)
        .param("channel", channel)
        .param("outcome", outcome)
        .query(Long.class)
        .single();
  }

  private static ExportBatch export(ResultSet rs, int n) throws SQLException {
    return new ExportBatch(
        rs.getString("channel"),
        rs.getLong("sequence"),
        rs.getString("sender_epoch"),
        rs.getObject("batch_id", UUID.class),
        rs.getInt("record_count"),
        rs.getString("payload_file"),
        rs.getObject("payload_bytes", Long.class),
        rs.getString("payload_sha256"),
        rs.getString("compression"),
        rs.getString("state"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("published_at")),
        instant(rs.getTimestamp("acknowledged_at")),
        rs.getInt("send_count"),
        instant(rs.getTimestamp("pruned_at")));
  }

  private static ImportBatch received(ResultSet rs, int n) throws SQLException {
    return new ImportBatch(
        rs.getLong("id"),
        rs.getString("sender_node_id"),
        rs.getString("sender_epoch"),
        rs.getString("channel"),
        rs.getObject("sequence", Long.class),
        rs.getObject("batch_id", UUID.class),
        rs.getObject("record_count", Integer.class),
        rs.getString("outcome"),
        rs.getString("reason_code"),
        rs.getString("reason_detail"),
        rs.getString("file_name"),
        instant(rs.getTimestamp("received_at")),
        rs.getLong("quarantined"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
