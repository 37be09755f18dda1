package io.airlock.platform.transfer;

import io.airlock.transfer.batch.RecordCursor;
import io.airlock.transfer.batch.VerifiedBatch;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.RecordLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbound ledger: one row for every batch that arrived, with its outcome, and the records
 * quarantined from it with their reasons.
 */
final class InboundLedger {

  private static final Logger log = LoggerFactory.getLogger(InboundLedger.class);

  private final JdbcClient jdbc;

  InboundLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The checksum the batch's sequence was applied with before, if it was. */
  String appliedSha256(Manifest manifest) {
    return jdbc.sql(
            """
            select payload_sha256 from inbound_batches
            where sender_node_id = :node and sender_epoch = :epoch and channel = :channel
              and sequence = :sequence and outcome = 'APPLIED'""")
        .param("node", manifest.sender().nodeId())
        .param("epoch", manifest.sender().epoch())
        .param("channel", manifest.channel().wireName())
        .param("sequence", manifest.sequence())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** Records a batch that arrived; returns its row's id. */
  long record(
      Manifest manifest, String outcome, String reasonCode, String detail, Path manifestFile) {
    return jdbc.sql(
            """
            insert into inbound_batches (sender_node_id, sender_epoch, channel, sequence, batch_id,
                payload_sha256, record_count, outcome, reason_code, reason_detail, file_name)
            values (:node, :epoch, :channel, :sequence, :batchId, :sha256, :count, :outcome,
                :reasonCode, :detail, :fileName)
            returning id""")
        .param("node", manifest == null ? null : manifest.sender().nodeId())
        .param("epoch", manifest == null ? null : manifest.sender().epoch())
        .param("channel", manifest == null ? null : manifest.channel().wireName())
        .param("sequence", manifest == null ? null : manifest.sequence())
        .param("batchId", manifest == null ? null : manifest.batchId())
        .param("sha256", manifest == null ? null : manifest.payloadSha256())
        .param("count", manifest == null ? null : manifest.recordCount())
        .param("outcome", outcome)
        .param("reasonCode", reasonCode)
        .param("detail", detail)
        .param("fileName", String.valueOf(manifestFile.getFileName()))
        .query(Long.class)
        .single();
  }

  void quarantine(long ledgerId, RecordLine line, String reasonOverride) {
    String type = null;
    String id = null;
    String reason = reasonOverride;
    String raw = "";
    if (line instanceof RecordLine.Invalid invalid) {
      type = invalid.type();
      id = invalid.id();
      reason = invalid.reason();
      raw = invalid.raw();
    } else if (line instanceof RecordLine.Valid valid) {
      type = valid.record().type().wireName();
      id = valid.record().id();
      byte[] encoded = RecordCodec.encodeLine(valid.record());
      raw = new String(encoded, 0, encoded.length - 1, StandardCharsets.UTF_8);
    }
    jdbc.sql(
            """
            insert into quarantined_records (inbound_batch_id, line_number, record_type, record_id,
                reason, raw)
            values (:batch, :line, :type, :id, :reason, :raw)""")
        .param("batch", ledgerId)
        .param("line", (int) line.lineNumber())
        .param("type", type)
        .param("id", id)
        .param("reason", reason)
        .param("raw", raw)
        .update();
    log.warn("Quarantined line {} of inbound batch {}: {}", line.lineNumber(), ledgerId, reason);
  }

  /** Keeps a conflicting batch's records, never applied, for the operator to examine. */
  void quarantineAll(VerifiedBatch batch, long ledgerId, String reason) {
    try (RecordCursor cursor = batch.openRecords()) {
      while (cursor.hasNext()) {
        quarantine(ledgerId, cursor.next(), reason);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
