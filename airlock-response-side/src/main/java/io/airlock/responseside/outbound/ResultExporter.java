package io.airlock.responseside.outbound;

import io.airlock.platform.transfer.InboundBatches;
import io.airlock.platform.transfer.ManifestExtras;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.results.ResultExports;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.BatchCut;
import io.airlock.transfer.batch.SenderLimits;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends results and failures on the results channel, oldest first (DESIGN §2, "never lost, never
 * twice"): each batch takes its answers in its allocation transaction, an answer is marked exported
 * only once the ledger shows its batch published, and delivered only once the request side
 * acknowledged it.
 */
@Component
class ResultExporter {

  private static final Logger log = LoggerFactory.getLogger(ResultExporter.class);

  private final ResultExports exports;
  private final OutboundBatches outbound;
  private final InboundBatches inbound;
  private final SystemLog systemLog;
  private final SenderLimits limits;

  ResultExporter(
      ResultExports exports,
      OutboundBatches outbound,
      InboundBatches inbound,
      SystemLog systemLog,
      ResultExportProperties properties) {
    this.exports = exports;
    this.outbound = outbound;
    this.inbound = inbound;
    this.systemLog = systemLog;
    this.limits = properties.limits();
  }

  /** Marks what a crash between publishing and marking left unmarked. */
  @EventListener(ApplicationReadyEvent.class)
  void repairOnStartUp() {
    int repaired = markPublished();
    if (repaired > 0) {
      log.info("Marked {} result(s) exported whose batch was published before a restart", repaired);
    }
    markAcknowledged();
  }

  /**
   * Exports everything waiting, in as many batches as it takes; returns the number sent.
   * Synchronized so the schedule and a direct call never cut batches from the same rows.
   *
   * @throws IOException when the outbox cannot be written; what the failed batch took stays
   *     unmarked, is published again by the next run and only then marked exported
   */
  synchronized int export() throws IOException {
    markPublished();
    int batches = 0;
    while (true) {
      List<TransferRecord> candidates = exports.unclaimed(limits);
      if (candidates.isEmpty()) {
        // Still publishes a batch an earlier run recorded but could not write.
        outbound.repairUnpublished();
        markPublished();
        markAcknowledged();
        return batches;
      }
      BatchCut<TransferRecord> cut = BatchCut.of(candidates, limits);
      if (!cut.oversized().isEmpty()) {
        failOversized(cut.oversized());
        continue;
      }
      List<UUID> taken = cut.included().stream().map(r -> UUID.fromString(r.id())).toList();
      outbound.send(
          Channel.RESULTS,
          cut.included(),
          Compression.GZIP,
          new ManifestExtras(inbound.acks(), Map.of(), null),
          sequence -> exports.claim(sequence, taken));
      // The batch is durable now (send also republished any interrupted one before it).
      markPublished();
      batches++;
    }
  }

  /** Marks exported the answers whose batch the ledger shows published; returns how many. */
  int markPublished() {
    return exports.markExported(
        outbound.publications(Channel.RESULTS, exports.awaitingPublication()));
  }

  /** Marks delivered the answers whose batch the request side acknowledged; returns how many. */
  int markAcknowledged() {
    return exports.markAcknowledged(
        outbound.publications(Channel.RESULTS, exports.awaitingAcknowledgement()));
  }

  /**
   * An answer larger than any batch would block the queue for good. Only a result can grow that
   * large (the executor caps most before they are stored), so it becomes a failure the user sees; a
   * failure that large is a bug worth stopping for.
   */
  private void failOversized(List<TransferRecord> oversized) {
    for (TransferRecord record : oversized) {
      if (!(record instanceof ResultRecord)) {
        throw new IllegalStateException(
            record.type().wireName() + " " + record.id() + " is larger than any batch");
      }
      long bytes = RecordCodec.encodeLine(record).length;
      String detail =
          "The result is %d bytes, more than one transfer batch may carry (%d)."
              .formatted(bytes, limits.maxPayloadBytes());
      log.error("Result {} is larger than any batch and is sent as a failure", record.id());
      exports.failTooLarge(UUID.fromString(record.id()), detail);
      systemLog.record(
          SystemLog.Level.WARN,
          "results-export",
          "result too large to export, sent as a failure",
          Map.of("request_id", record.id(), "bytes", bytes));
    }
  }
}
