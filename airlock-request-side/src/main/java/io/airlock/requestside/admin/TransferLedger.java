package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.requests.Paging;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The platform's batch ledger: what this side sent and what it received, newest first. */
@Repository
class TransferLedger {

  static final List<String> EXPORT_STATES = List.of("allocated", "published", "acknowledged");
  static final List<String> IMPORT_OUTCOMES =
      List.of("applied", "duplicate", "conflict", "rejected");

  record ExportBatch(
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
      @JsonProperty("send_count") int sendCount) {}

  record ImportBatch(
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

  TransferLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** This side's outbound batches; {@code channel} and {@code state} null for any. */
  List<ExportBatch> exports(String channel, String state, Paging paging) {
    return jdbc.sql(
            "select * from outbound_batches"
                + EXPORTS_WHERE
                + " order by created_at desc, channel, sequence desc limit :limit offset :offset")
        .param("channel", channel)
        .param("state", state)
        .param("limit", paging.size())
        .param("offset", paging.offset())
        .query(
            (rs, n) ->
                new ExportBatch(
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
                    Filters.instant(rs.getTimestamp("created_at")),
                    Filters.instant(rs.getTimestamp("published_at")),
                    Filters.instant(rs.getTimestamp("acknowledged_at")),
                    rs.getInt("send_count")))
        .list();
  }

  long countExports(String channel, String state) {
    return jdbc.sql("select count(*) from outbound_batches" + EXPORTS_WHERE)
        .param("channel", channel)
        .param("state", state)
        .query(Long.class)
        .single();
  }

  /** Every batch that arrived, with how many of its records were quarantined. */
  List<ImportBatch> imports(String channel, String outcome, Paging paging) {
    return jdbc.sql(
            """
            select b.*, (select count(*) from quarantined_records r
                         where r.inbound_batch_id = b.id) as quarantined
            from inbound_batches b"""
                + IMPORTS_WHERE
                + " order by b.received_at desc, b.id desc limit :limit offset :offset")
        .param("channel", channel)
        .param("outcome", outcome)
        .param("limit", paging.size())
        .param("offset", paging.offset())
        .query(
            (rs, n) ->
                new ImportBatch(
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
                    Filters.instant(rs.getTimestamp("received_at")),
                    rs.getLong("quarantined")))
        .list();
  }

  long countImports(String channel, String outcome) {
    return jdbc.sql("select count(*) from inbound_batches b" + IMPORTS_WHERE)
        .param("channel", channel)
        .param("outcome", outcome)
        .query(Long.class)
        .single();
  }
}
