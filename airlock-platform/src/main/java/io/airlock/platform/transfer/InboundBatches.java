package io.airlock.platform.transfer;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
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
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.sequence.SequenceCheck;
import io.airlock.transfer.sequence.SequenceWatermark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
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
  private static final int MISSING_IN_ACK = 100;

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final BatchReader reader;
  private final TransferFolders folders;
  private final SenderEpoch sender;
  private final Clock clock;

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
    this.sender = sender;
    this.clock = clock;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.reader = reader;
    this.folders = folders;
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
      moveWithReason(
          batch, folders.failed(), "conflict: applied before with " + conflict.appliedSha256());
    } else {
      move(batch, folders.archive());
    }
    return outcome;
  }

  /**
   * When the newest sender epoch of a peer was first heard of: a peer heard of with a new epoch has
   * a new database, which holds nothing sent to it before.
   */
  public Optional<Instant> newestPeerEpochFirstHeardAt() {
    return jdbc.sql(
            """
            select min(created_at) as first_heard from inbound_watermarks
            group by sender_node_id, sender_epoch order by first_heard desc limit 1""")
        .query((row, n) -> row.getTimestamp("first_heard").toInstant())
        .optional();
  }

  /** What this node has applied of each channel it receives, for its outgoing manifests. */
  public List<ChannelAck> acks() {
    return jdbc.sql(
            "select sender_node_id, sender_epoch, channel, contiguous, above, announced"
                + " from inbound_watermarks order by channel, sender_node_id, sender_epoch")
        .query(
            (row, n) -> {
              Channel channel = OutboundBatches.channel(row.getString("channel"));
              SenderEpoch peer =
                  new SenderEpoch(row.getString("sender_node_id"), row.getString("sender_epoch"));
              return watermark(row.getLong("contiguous"), row.getArray("above"))
                  .ack(channel, peer, row.getLong("announced"), MISSING_IN_ACK);
            })
        .list();
  }

  private ImportOutcome apply(VerifiedBatch batch, RecordApplier applier) {
    Manifest manifest = batch.manifest();
    SequenceWatermark watermark = lockWatermark(manifest);
    String appliedSha =
        jdbc.sql(
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
    SequenceCheck check =
        SequenceCheck.classify(
            watermark, manifest.sequence(), manifest.payloadSha256(), appliedSha);
    if (check instanceof SequenceCheck.Duplicate) {
      ledger(manifest, "DUPLICATE", null, null, batch.manifestFile());
      return new ImportOutcome.Duplicate(manifest);
    }
    if (check instanceof SequenceCheck.Conflict conflict) {
      long ledgerId =
          ledger(
              manifest,
              "CONFLICT",
              "conflict",
              "applied before with " + appliedSha,
              batch.manifestFile());
      quarantineAll(batch, ledgerId, "conflict: the same sequence was applied with other content");
      return new ImportOutcome.Conflict(manifest, conflict.appliedSha256());
    }
    long ledgerId = ledger(manifest, "APPLIED", null, null, batch.manifestFile());
    AppliedBatch appliedBatch = new AppliedBatch(manifest, ledgerId, clock.instant());
    int applied = 0;
    int quarantined = 0;
    try (RecordCursor cursor = batch.openRecords()) {
      while (cursor.hasNext()) {
        RecordLine line = cursor.next();
        if (line instanceof RecordLine.Valid valid && applier != null) {
          applier.apply(valid.record(), appliedBatch);
          applied++;
        } else {
          quarantine(ledgerId, line, applier == null ? "no handler for this channel" : null);
          quarantined++;
          if (line instanceof RecordLine.Invalid invalid && applier != null) {
            applier.refused(invalid, appliedBatch);
          }
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
    saveWatermark(manifest, watermark);
    acknowledge(manifest);
    announce(manifest);
    CrashPoint.BEFORE_IMPORT_COMMIT.reach();
    return new ImportOutcome.Imported(manifest, applied, quarantined);
  }

  /**
   * Takes a control batch's highest sequences sent (DESIGN §2 "Acks"), so that what never arrived
   * above the highest applied, a lost last batch, is listed missing in this node's acks.
   */
  private void announce(Manifest manifest) {
    manifest
        .highestSent()
        .forEach(
            (channel, highest) ->
                jdbc.sql(
                        """
                        insert into inbound_watermarks (sender_node_id, sender_epoch, channel,
                            announced)
                        values (:node, :epoch, :channel, :highest)
                        on conflict (sender_node_id, sender_epoch, channel) do update
                        set announced = greatest(inbound_watermarks.announced, excluded.announced)
                        """)
                    .param("node", manifest.sender().nodeId())
                    .param("epoch", manifest.sender().epoch())
                    .param("channel", channel.wireName())
                    .param("highest", highest)
                    .update());
  }

  /**
   * Takes the peer's acks of what this node sent (DESIGN §2 "Acks"): every batch of this node's
   * epoch at or below an ack's contiguous sequence is acknowledged. Acks only grow, so an older
   * manifest arriving late changes nothing.
   */
  private void acknowledge(Manifest manifest) {
    for (ChannelAck ack : manifest.acks()) {
      if (!ack.peer().equals(sender)) {
        continue;
      }
      int acknowledged =
          jdbc.sql(
                  """
                  update outbound_batches set state = 'ACKNOWLEDGED', acknowledged_at = now()
                  where sender_epoch = :epoch and channel = :channel and sequence <= :contiguous
                    and state = 'PUBLISHED'""")
              .param("epoch", sender.epoch())
              .param("channel", ack.channel().wireName())
              .param("contiguous", ack.contiguous())
              .update();
      if (acknowledged > 0) {
        log.debug(
            "{} {} batch(es) acknowledged up to {}", acknowledged, ack.channel(), ack.contiguous());
      }
      // Said once for each new ack above what this node has sent, not with every batch.
      boolean newlyAboveSent =
          jdbc.sql(
                  """
                  select :contiguous > coalesce((select max(sequence) from outbound_batches
                                                 where sender_epoch = :epoch
                                                   and channel = :channel), 0)
                     and :contiguous > coalesce((select acknowledged from outbound_peer_acks
                                                 where sender_epoch = :epoch
                                                   and channel = :channel), 0)""")
              .param("epoch", sender.epoch())
              .param("channel", ack.channel().wireName())
              .param("contiguous", ack.contiguous())
              .query(Boolean.class)
              .single();
      if (newlyAboveSent) {
        log.error(
            "The peer acknowledges {} up to {}, above the highest sequence this node has sent:"
                + " this database is older than what it sent (restored from a backup?). Give it a"
                + " new sender epoch (README, \"Restoring a database\").",
            ack.channel(),
            ack.contiguous());
      }
      // What the peer is missing counts only from its newest manifest: an older one arriving
      // late changes nothing.
      jdbc.sql(
              """
              insert into outbound_peer_acks (sender_epoch, channel, missing, reported_at,
                  received_at, acknowledged)
              values (:epoch, :channel, :missing, :reportedAt, :receivedAt, :acknowledged)
              on conflict (sender_epoch, channel) do update
              set missing = excluded.missing, reported_at = excluded.reported_at,
                  received_at = excluded.received_at,
                  acknowledged = greatest(outbound_peer_acks.acknowledged, excluded.acknowledged)
              where excluded.reported_at >= outbound_peer_acks.reported_at""")
          .param("epoch", sender.epoch())
          .param("channel", ack.channel().wireName())
          .param("missing", ack.missing().toArray(Long[]::new))
          .param("acknowledged", ack.contiguous())
          .param("reportedAt", Timestamp.from(manifest.createdAt()))
          .param("receivedAt", Timestamp.from(clock.instant()))
          .update();
    }
  }

  /** Keeps a conflicting batch's records, never applied, for the operator to examine. */
  private void quarantineAll(VerifiedBatch batch, long ledgerId, String reason) {
    try (RecordCursor cursor = batch.openRecords()) {
      while (cursor.hasNext()) {
        quarantine(ledgerId, cursor.next(), reason);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SequenceWatermark lockWatermark(Manifest manifest) {
    jdbc.sql(
            """
            insert into inbound_watermarks (sender_node_id, sender_epoch, channel)
            values (:node, :epoch, :channel) on conflict do nothing""")
        .param("node", manifest.sender().nodeId())
        .param("epoch", manifest.sender().epoch())
        .param("channel", manifest.channel().wireName())
        .update();
    return jdbc.sql(
            """
            select contiguous, above from inbound_watermarks
            where sender_node_id = :node and sender_epoch = :epoch and channel = :channel
            for update""")
        .param("node", manifest.sender().nodeId())
        .param("epoch", manifest.sender().epoch())
        .param("channel", manifest.channel().wireName())
        .query((row, n) -> watermark(row.getLong("contiguous"), row.getArray("above")))
        .single();
  }

  private void saveWatermark(Manifest manifest, SequenceWatermark watermark) {
    jdbc.sql(
            """
            update inbound_watermarks set contiguous = :contiguous, above = :above, updated_at = now()
            where sender_node_id = :node and sender_epoch = :epoch and channel = :channel""")
        .param("contiguous", watermark.contiguous())
        .param("above", watermark.above().toArray(Long[]::new))
        .param("node", manifest.sender().nodeId())
        .param("epoch", manifest.sender().epoch())
        .param("channel", manifest.channel().wireName())
        .update();
  }

  static SequenceWatermark watermark(long contiguous, Array above) {
    try {
      List<Long> sequences = new ArrayList<>();
      for (Object sequence : (Object[]) above.getArray()) {
        sequences.add(((Number) sequence).longValue());
      }
      return SequenceWatermark.of(contiguous, sequences);
    } catch (SQLException e) {
      throw new IllegalStateException("unreadable watermark", e);
    }
  }

  private long ledger(
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

  private void quarantine(long ledgerId, RecordLine line, String reasonOverride) {
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

  private void reject(Path manifestFile, VerifyResult.Rejected rejected) throws IOException {
    log.warn(
        "Rejected {}: {} ({})",
        manifestFile.getFileName(),
        rejected.reason().code(),
        rejected.detail());
    transactions.executeWithoutResult(
        status ->
            ledger(
                rejected.manifest(),
                "REJECTED",
                rejected.reason().code(),
                rejected.detail(),
                manifestFile));
    String reason = rejected.reason().code() + ": " + rejected.detail() + "\n";
    Path failed = folders.failed();
    BatchName.parse(String.valueOf(manifestFile.getFileName()))
        .ifPresent(
            parsed -> {
              for (Compression compression : Compression.values()) {
                moveIfPresent(
                    manifestFile.resolveSibling(parsed.name().payloadFileName(compression)),
                    failed);
              }
            });
    moveIfPresent(manifestFile, failed);
    Files.writeString(
        failed.resolve(manifestFile.getFileName() + ".reason"), reason, StandardCharsets.UTF_8);
  }

  private void moveWithReason(VerifiedBatch batch, Path target, String reason) throws IOException {
    move(batch, target);
    Files.writeString(
        target.resolve(batch.manifestFile().getFileName() + ".reason"),
        reason + "\n",
        StandardCharsets.UTF_8);
  }

  private static void move(VerifiedBatch batch, Path target) throws IOException {
    // Manifest first: a payload left behind by a crash is no batch (it has no manifest) and is
    // overwritten by any retransmission, whereas a lone manifest would be refused as incomplete.
    Files.move(
        batch.manifestFile(),
        target.resolve(batch.manifestFile().getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        batch.payloadFile(),
        target.resolve(batch.payloadFile().getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void moveIfPresent(Path file, Path target) {
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
