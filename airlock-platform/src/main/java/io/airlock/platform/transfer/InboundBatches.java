package io.airlock.platform.transfer;

import io.airlock.transfer.Channel;
import io.airlock.transfer.CrashPoint;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchChangedException;
import io.airlock.transfer.batch.BatchName;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.RecordCursor;
import io.airlock.transfer.batch.RejectionReason;
import io.airlock.transfer.batch.VerifiedBatch;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.sequence.SequenceCheck;
import io.airlock.transfer.sequence.SequenceWatermark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Receives batches from the inbox (DESIGN §2 "Receiving"): verify; refuse a bad batch as a whole
 * into {@code failed/} with a reason file; recognise duplicates and conflicts by the per-channel
 * watermark and the ledger; apply a fresh batch in one transaction, quarantining invalid records
 * and applying the rest; then archive its files. A crash between the commit and the move leaves the
 * batch in the inbox, where the next scan recognises it as a duplicate.
 */
public final class InboundBatches {

  private static final Logger log = LoggerFactory.getLogger(InboundBatches.class);
  private final TransactionOperations transactions;
  private final BatchReader reader;
  private final TransferFolders folders;
  private final InboxFiles files;
  private final InboundLedger ledger;
  private final Watermarks watermarks;
  private final PeerAcks peerAcks;
  private final Clock clock;
  private final TransferMetrics metrics;

  /**
   * @param clock when a peer's report of what is missing arrived, compared with when this node last
   *     sent the batch ({@link LinkMaintenance}), so the same clock as {@link OutboundBatches}
   */
  public InboundBatches(
      JdbcClient jdbc,
      TransactionOperations transactions,
      BatchReader reader,
      TransferFolders folders,
      SenderEpoch sender,
      Clock clock) {
    this(jdbc, transactions, reader, folders, sender, clock, TransferMetrics.none());
  }

  public InboundBatches(
      JdbcClient jdbc,
      TransactionOperations transactions,
      BatchReader reader,
      TransferFolders folders,
      SenderEpoch sender,
      Clock clock,
      TransferMetrics metrics) {
    this.metrics = metrics;
    this.transactions = transactions;
    this.reader = reader;
    this.folders = folders;
    this.files = new InboxFiles(folders);
    this.ledger = new InboundLedger(jdbc);
    this.watermarks = new Watermarks(jdbc);
    this.peerAcks = new PeerAcks(jdbc, sender, clock);
    this.clock = clock;
  }

  /**
   * Receives every complete batch in the inbox, in name order, with the appliers by channel.
   * Batches of a channel that has no applier (and is not {@code control}) are left in the inbox for
   * a node that handles them, never consumed unread.
   */
  public List<ImportOutcome> scan(Map<Channel, RecordApplier> appliers) throws IOException {
    TreeSet<Path> manifests = new TreeSet<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folders.inbox(), "*" + BatchName.MANIFEST_SUFFIX)) {
      for (Path file : files) {
        boolean handled =
            BatchName.parseManifest(file.getFileName().toString())
                .map(
                    name ->
                        name.channel() == Channel.CONTROL || appliers.containsKey(name.channel()))
                .orElse(true); // a bad name is refused into failed/ like any bad batch
        if (handled) {
          manifests.add(file);
        }
      }
    }
    List<ImportOutcome> outcomes = new ArrayList<>();
    for (Path manifest : manifests) {
      try {
        outcomes.add(receive(manifest, appliers));
      } catch (RuntimeException e) {
        // One batch that cannot be applied now must not hold up the others.
        log.warn(
            "Could not apply {}; it stays in the inbox: {}", manifest.getFileName(), e.toString());
        outcomes.add(new ImportOutcome.Failed(manifest.getFileName().toString(), e.toString()));
      }
    }
    return outcomes;
  }

  /**
   * Receives one batch. A channel without an applier (control) only moves its watermark; records
   * arriving on such a channel are quarantined.
   */
  public ImportOutcome receive(Path manifestFile, Map<Channel, RecordApplier> appliers)
      throws IOException {
    long started = System.nanoTime();
    String fileName = manifestFile.getFileName().toString();
    Channel channel = BatchName.parseManifest(fileName).map(BatchName::channel).orElse(null);
    ImportOutcome outcome;
    try {
      outcome = verifyAndApply(manifestFile, appliers);
    } catch (RuntimeException | IOException e) {
      metrics.received(
          channel,
          new ImportOutcome.Failed(fileName, e.toString()),
          TransferMetrics.since(started));
      throw e;
    }
    metrics.received(channel, outcome, TransferMetrics.since(started));
    return outcome;
  }

  private ImportOutcome verifyAndApply(Path manifestFile, Map<Channel, RecordApplier> appliers)
      throws IOException {
    VerifyResult result = reader.verify(manifestFile);
    if (result instanceof VerifyResult.Rejected rejected) {
      reject(manifestFile, rejected);
      return new ImportOutcome.Rejected(rejected.reason(), rejected.detail());
    }
    VerifiedBatch batch = ((VerifyResult.Accepted) result).batch();
    ImportOutcome outcome;
    try {
      outcome =
          transactions.execute(
              status -> apply(batch, appliers.getOrDefault(batch.manifest().channel(), null)));
    } catch (BatchChangedException e) {
      VerifyResult.Rejected changed =
          new VerifyResult.Rejected(
              RejectionReason.CHECKSUM_MISMATCH, e.getMessage(), batch.manifest());
      reject(manifestFile, changed);
      return new ImportOutcome.Rejected(changed.reason(), changed.detail());
    }
    CrashPoint.AFTER_IMPORT_COMMIT.reach();
    if (outcome instanceof ImportOutcome.Conflict conflict) {
      log.error(
          "CONFLICT: {} {} from {} was applied before with SHA-256 {}, now arrives as {}",
          conflict.manifest().channel(),
          conflict.manifest().sequence(),
          conflict.manifest().sender(),
          conflict.appliedSha256(),
          conflict.manifest().payloadSha256());
      files.fail(batch, "conflict: applied before with " + conflict.appliedSha256());
    } else {
      files.archive(batch);
    }
    return outcome;
  }

  /**
   * When the newest sender epoch of a peer was first heard of: a peer heard of with a new epoch has
   * a new database, which holds nothing sent to it before.
   */
  public Optional<Instant> newestPeerEpochFirstHeardAt() {
    return watermarks.newestPeerEpochFirstHeardAt();
  }

  /** What this node has applied of each channel it receives, for its outgoing manifests. */
  public List<ChannelAck> acks() {
    return watermarks.acks();
  }

  private ImportOutcome apply(VerifiedBatch batch, RecordApplier applier) {
    Manifest manifest = batch.manifest();
    SequenceWatermark watermark = watermarks.lock(manifest);
    String appliedSha = ledger.appliedSha256(manifest);
    SequenceCheck check =
        SequenceCheck.classify(
            watermark, manifest.sequence(), manifest.payloadSha256(), appliedSha);
    if (check instanceof SequenceCheck.Duplicate) {
      ledger.record(manifest, "DUPLICATE", null, null, batch.manifestFile());
      return new ImportOutcome.Duplicate(manifest);
    }
    if (check instanceof SequenceCheck.Conflict conflict) {
      long ledgerId =
          ledger.record(
              manifest,
              "CONFLICT",
              "conflict",
              "applied before with " + appliedSha,
              batch.manifestFile());
      ledger.quarantineAll(
          batch, ledgerId, "conflict: the same sequence was applied with other content");
      return new ImportOutcome.Conflict(manifest, conflict.appliedSha256());
    }
    long ledgerId = ledger.record(manifest, "APPLIED", null, null, batch.manifestFile());
    AppliedBatch appliedBatch = new AppliedBatch(manifest, ledgerId, clock.instant());
    int applied = 0;
    int quarantined = 0;
    // Valid records go to the applier in runs, which it may apply with a few statements each; a
    // batch of more than one run is read and prepared ahead, overlapping the database's work.
    boolean readAhead = applier != null && manifest.recordCount() > RecordApplier.MAX_RUN;
    try (RecordCursor cursor = batch.openRecords();
        BatchParts parts = BatchParts.of(cursor, applier, readAhead)) {
      while (parts.hasNext()) {
        BatchParts.Part part = parts.next();
        if (part instanceof BatchParts.Run run) {
          run.prepared().apply(appliedBatch);
          applied += run.size();
          continue;
        }
        RecordLine line = ((BatchParts.Quarantined) part).line();
        ledger.quarantine(ledgerId, line, applier == null ? "no handler for this channel" : null);
        quarantined++;
        if (line instanceof RecordLine.Invalid invalid && applier != null) {
          applier.refused(invalid, appliedBatch);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    watermark.markApplied(manifest.sequence());
    if (manifest.channel() == Channel.CONTROL) {
      // A control batch supersedes the earlier ones, which are never sent again: one that went
      // missing is out of date, not missing, and one that arrives late is a duplicate.
      watermark = SequenceWatermark.of(watermark.highest(), List.of());
    }
    watermarks.save(manifest, watermark);
    peerAcks.acknowledge(manifest);
    watermarks.announce(manifest);
    CrashPoint.BEFORE_IMPORT_COMMIT.reach();
    return new ImportOutcome.Imported(manifest, applied, quarantined);
  }

  private void reject(Path manifestFile, VerifyResult.Rejected rejected) throws IOException {
    log.warn(
        "Rejected {}: {} ({})",
        manifestFile.getFileName(),
        rejected.reason().code(),
        rejected.detail());
    transactions.executeWithoutResult(
        status ->
            ledger.record(
                rejected.manifest(),
                "REJECTED",
                rejected.reason().code(),
                rejected.detail(),
                manifestFile));
    files.refuse(manifestFile, rejected.reason().code() + ": " + rejected.detail() + "\n");
  }
}
