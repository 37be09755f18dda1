package io.airlock.requestside.outbound;

import io.airlock.platform.tracing.GapTracing;
import io.airlock.platform.transfer.InboundBatches;
import io.airlock.platform.transfer.ManifestExtras;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.BatchCut;
import io.airlock.transfer.batch.SenderLimits;
import io.airlock.transfer.records.AccountChangeRecord;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.RequestRecord;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends pending requests, cancellations and account changes on the requests channel (DESIGN §2,
 * "never lost, never twice"): each batch takes its records in its allocation transaction, and a
 * record is marked exported only once the ledger shows its batch published. Cancellations and
 * account changes go first, then requests by priority, then age.
 */
@Component
class RequestExporter {

  private static final Logger log = LoggerFactory.getLogger(RequestExporter.class);

  private final ExportQueue queue;
  private final OutboundBatches outbound;
  private final InboundBatches inbound;
  private final SenderLimits limits;
  private final GapTracing tracing;

  RequestExporter(
      ExportQueue queue,
      OutboundBatches outbound,
      InboundBatches inbound,
      ExportProperties properties,
      GapTracing tracing) {
    this.tracing = tracing;
    this.queue = queue;
    this.outbound = outbound;
    this.inbound = inbound;
    this.limits = properties.limits();
  }

  /** Marks exported what a crash between publishing and marking left pending. */
  @EventListener(ApplicationReadyEvent.class)
  void repairOnStartUp() {
    int repaired = queue.markPublished();
    if (repaired > 0) {
      log.info(
          "Marked {} request(s) exported whose batch was published before a restart", repaired);
    }
  }

  /**
   * Exports everything waiting, in as many batches as it takes; returns the number sent.
   * Synchronized so the schedule and a direct call never cut batches from the same rows.
   *
   * @throws IOException when the outbox cannot be written; what the failed batch took stays
   *     pending, is published again by the next run and only then marked exported
   */
  synchronized int export() throws IOException {
    queue.markPublished();
    int expired = queue.expireOverdue();
    if (expired > 0) {
      log.info("{} request(s) expired before they could be exported", expired);
    }
    int batches = 0;
    while (true) {
      List<TransferRecord> candidates = candidates();
      if (candidates.isEmpty()) {
        // Still publishes a batch an earlier run recorded but could not write.
        outbound.repairUnpublished();
        queue.markPublished();
        return batches;
      }
      BatchCut<TransferRecord> cut = BatchCut.of(candidates, limits);
      if (!cut.oversized().isEmpty()) {
        failOversized(cut.oversized());
        continue;
      }
      ExportQueue.Claim claim = claimOf(cut.included());
      Instant started = Instant.now();
      outbound.send(
          Channel.REQUESTS,
          cut.included(),
          Compression.GZIP,
          new ManifestExtras(inbound.acks(), Map.of(), null),
          sequence -> queue.claim(sequence, claim));
      // The batch is durable now (send also republished any interrupted one before it).
      queue.markPublished();
      traceExported(cut.included(), started);
      batches++;
    }
  }

  /** Each request's trace gets the export of the batch that took it. */
  private void traceExported(List<TransferRecord> exported, Instant started) {
    for (TransferRecord record : exported) {
      if (record instanceof RequestRecord request && request.traceparent() != null) {
        tracing.record("airlock.export", request.traceparent(), started);
      }
    }
  }

  /**
   * A record larger than any batch would block the queue for good. Only a request can grow that
   * large (its query), so it fails; anything else is a bug worth stopping for.
   */
  private void failOversized(List<TransferRecord> oversized) {
    for (TransferRecord record : oversized) {
      if (!(record instanceof RequestRecord)) {
        throw new IllegalStateException(
            record.type().wireName() + " " + record.id() + " is larger than any batch");
      }
      log.error("Request {} is larger than any batch and fails unexported", record.id());
      queue.failTooLarge(UUID.fromString(record.id()));
    }
  }

  private List<TransferRecord> candidates() {
    List<TransferRecord> candidates = new ArrayList<>();
    candidates.addAll(queue.unclaimedCancellations(limits.maxRecords()));
    candidates.addAll(queue.unclaimedAccountChanges(limits.maxRecords() - candidates.size()));
    candidates.addAll(queue.unclaimedRequests(limits.maxRecords() - candidates.size()));
    return candidates;
  }

  private static ExportQueue.Claim claimOf(List<TransferRecord> records) {
    List<UUID> requests = new ArrayList<>();
    List<UUID> cancellations = new ArrayList<>();
    List<UUID> accountChanges = new ArrayList<>();
    for (TransferRecord record : records) {
      UUID id = UUID.fromString(record.id());
      if (record instanceof RequestRecord) {
        requests.add(id);
      } else if (record instanceof CancelRecord) {
        cancellations.add(id);
      } else if (record instanceof AccountChangeRecord) {
        accountChanges.add(id);
      }
    }
    return new ExportQueue.Claim(requests, cancellations, accountChanges);
  }
}
