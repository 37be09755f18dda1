package io.airlock.platform.transfer;

import io.airlock.platform.database.Columns;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.CrashPoint;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchName;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.OutgoingBatch;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends batches with durable sequence allocation (DESIGN §2): in one transaction the next sequence
 * of the channel is allocated and the batch recorded with its records; then the files are written;
 * then the batch is marked published. A batch recorded but never marked published (a crash, a full
 * disk, a missing outbox) is written again from the ledger, byte-identical, before anything new is
 * sent on its channel, and by {@link #repairUnpublished()} at start-up. A sequence, once allocated,
 * is never reused for other records.
 */
public final class OutboundBatches {

  private static final Logger log = LoggerFactory.getLogger(OutboundBatches.class);

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final SenderEpoch sender;
  private final BatchWriter writer;
  private final OutboxFailures failures;
  private final Clock clock;
  private final TransferMetrics metrics;

  public OutboundBatches(
      JdbcClient jdbc,
      TransactionOperations transactions,
      SenderEpoch sender,
      BatchWriter writer,
      OutboxFailures failures,
      Clock clock) {
    this(jdbc, transactions, sender, writer, failures, clock, TransferMetrics.none());
  }

  public OutboundBatches(
      JdbcClient jdbc,
      TransactionOperations transactions,
      SenderEpoch sender,
      BatchWriter writer,
      OutboxFailures failures,
      Clock clock,
      TransferMetrics metrics) {
    this.metrics = metrics;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.sender = sender;
    this.writer = writer;
    this.failures = failures;
    this.clock = clock;
  }

  /** This node as a sender: its node id and epoch. */
  public SenderEpoch sender() {
    return sender;
  }

  /**
   * Allocates, records and publishes one batch.
   *
   * @param inAllocation runs inside the allocation transaction with the new sequence, so a feature
   *     can mark its records as taken by this batch atomically with the allocation
   * @return what was published
   * @throws IOException when the files cannot be written; the batch then stays recorded and is
   *     published by the next call on this channel or by {@link #repairUnpublished()}
   */
  public EncodedBatch send(
      Channel channel,
      List<? extends TransferRecord> records,
      Compression compression,
      ManifestExtras extras,
      LongConsumer inAllocation)
      throws IOException {
    long started = System.nanoTime();
    republish(channel);
    OutgoingBatch batch =
        transactions.execute(
            status -> allocate(channel, records, compression, extras, inAllocation));
    CrashPoint.AFTER_ALLOCATION.reach();
    EncodedBatch published = publish(batch);
    metrics.exported(channel, TransferMetrics.since(started));
    return published;
  }

  /** What happened when a batch was asked for again. */
  public enum Resent {
    /** Written to the outbox again, byte-identical. */
    RESENT,
    /** Acknowledged and pruned from {@code sent/}: it can no longer be sent. */
    PRUNED,
    /** This node's epoch never allocated that sequence on that channel. */
    UNKNOWN
  }

  /**
   * Publishes a batch again, byte-identical: from {@code outbox/sent/}, or rebuilt from the ledger
   * if the archive lost it. A batch whose first publication was interrupted is published now.
   */
  public Resent resend(Channel channel, long sequence) throws IOException {
    List<Map<String, Object>> rows =
        batch(
                """
                select batch_id, state, pruned_at is not null as pruned from outbound_batches
                where sender_epoch = :epoch and channel = :channel and sequence = :sequence""",
                channel,
                sequence)
            .query()
            .listOfRows();
    if (rows.isEmpty()) {
      return Resent.UNKNOWN;
    }
    Map<String, Object> row = rows.get(0);
    if ((Boolean) row.get("pruned")) {
      return Resent.PRUNED;
    }
    if ("ALLOCATED".equals(row.get("state"))) {
      publish(rebuild(channel, sequence)); // its first publication, counted as such
      return Resent.RESENT;
    }
    BatchName name = new BatchName(channel, sequence, (UUID) row.get("batch_id"));
    toOutbox(
        () -> {
          if (!writer.resend(name)) {
            writer.publish(rebuild(channel, sequence)); // the archive lost it: the same bytes
          }
          return name;
        });
    batch(
            """
            update outbound_batches set last_sent_at = :now, send_count = send_count + 1
            where sender_epoch = :epoch and channel = :channel and sequence = :sequence""",
            channel,
            sequence)
        .param("now", Timestamp.from(clock.instant()))
        .update();
    metrics.resent(channel);
    return Resent.RESENT;
  }

  /**
   * Deletes from {@code outbox/sent/} and from the ledger's record lines the batches acknowledged
   * before {@code before}, and the control batches published before it, acknowledged or not (a
   * later one carries newer acks); the ledger rows stay, marked pruned. Returns how many.
   *
   * @param unacknowledgedToo prune every batch published before {@code before}, acknowledged or
   *     not: for a medium that never carries an ack back
   */
  public int prune(Instant before, boolean unacknowledgedToo) throws IOException {
    List<Map<String, Object>> due =
        jdbc.sql(
                """
                select channel, sequence, batch_id from outbound_batches
                where sender_epoch = :epoch and pruned_at is null
                  and ((state = 'ACKNOWLEDGED' and acknowledged_at < :before)
                       or (state = 'PUBLISHED' and (channel = 'control' or :unacknowledgedToo)
                           and published_at < :before))
                order by coalesce(acknowledged_at, published_at) limit 1000""")
            .param("epoch", sender.epoch())
            .param("before", Timestamp.from(before))
            .param("unacknowledgedToo", unacknowledgedToo)
            .query()
            .listOfRows();
    for (Map<String, Object> row : due) {
      Channel channel = channel((String) row.get("channel"));
      long sequence = (Long) row.get("sequence");
      writer.prune(new BatchName(channel, sequence, (UUID) row.get("batch_id")));
      transactions.executeWithoutResult(
          status -> {
            batch(
                    """
                    delete from outbound_batch_records
                    where sender_epoch = :epoch and channel = :channel and sequence = :sequence""",
                    channel,
                    sequence)
                .update();
            batch(
                    """
                    update outbound_batches set pruned_at = now()
                    where sender_epoch = :epoch and channel = :channel and sequence = :sequence""",
                    channel,
                    sequence)
                .update();
          });
    }
    return due.size();
  }

  /** The highest sequence published on each channel of this node's epoch. */
  public Map<Channel, Long> highestPublished() {
    Map<Channel, Long> highest = new EnumMap<>(Channel.class);
    jdbc.sql(
            """
            select channel, max(sequence) as highest from outbound_batches
            where sender_epoch = :epoch and state <> 'ALLOCATED' group by channel""")
        .param("epoch", sender.epoch())
        .query((row, n) -> highest.put(channel(row.getString("channel")), row.getLong("highest")))
        .list();
    return highest;
  }

  /**
   * The publications of those of {@code sequences} on {@code channel} (this node's epoch) that are
   * published, by sequence: what an exporter needs to mark its records exported, and delivered once
   * acknowledged, without reading the ledger itself.
   */
  public Map<Long, Publication> publications(Channel channel, Collection<Long> sequences) {
    if (sequences.isEmpty()) {
      return Map.of();
    }
    Map<Long, Publication> publications = new HashMap<>();
    jdbc.sql(
            """
            select sequence, published_at, acknowledged_at, state from outbound_batches
            where sender_epoch = :epoch and channel = :channel and sequence in (:sequences)
              and state in ('PUBLISHED', 'ACKNOWLEDGED')""")
        .param("epoch", sender.epoch())
        .param("channel", channel.wireName())
        .param("sequences", sequences)
        .query(
            (row, n) ->
                publications.put(
                    row.getLong("sequence"),
                    new Publication(
                        row.getTimestamp("published_at").toInstant(),
                        "ACKNOWLEDGED".equals(row.getString("state"))
                            ? Optional.of(row.getTimestamp("acknowledged_at").toInstant())
                            : Optional.empty())))
        .list();
    return publications;
  }

  /** Whether a batch of {@code channel} published here still waits in the outbox. */
  public boolean waitingInOutbox(Channel channel) {
    return writer.waiting(channel);
  }

  /**
   * When this node last published a new batch; a re-send does not count, since it carries the acks
   * the batch was made with, not today's.
   */
  public Optional<Instant> lastPublishedAt() {
    return jdbc.sql(
            """
            select published_at from outbound_batches
            where sender_epoch = :epoch and published_at is not null
            order by published_at desc limit 1""")
        .param("epoch", sender.epoch())
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /** A statement about one batch of this node's epoch, its key bound. */
  private JdbcClient.StatementSpec batch(String sql, Channel channel, long sequence) {
    return jdbc.sql(sql)
        .param("epoch", sender.epoch())
        .param("channel", channel.wireName())
        .param("sequence", sequence);
  }

  /** A channel as the ledger names it. */
  static Channel channel(String wireName) {
    return Channel.fromWireName(wireName)
        .orElseThrow(() -> new IllegalStateException("unknown channel in ledger: " + wireName));
  }

  /** Publishes every recorded but unpublished batch, oldest first; returns how many. */
  public int repairUnpublished() throws IOException {
    int repaired = 0;
    for (Channel channel : Channel.values()) {
      repaired += republish(channel);
    }
    return repaired;
  }

  private int republish(Channel channel) throws IOException {
    List<Long> unpublished =
        jdbc.sql(
                """
                select sequence from outbound_batches
                where sender_epoch = :epoch and channel = :channel and state = 'ALLOCATED'
                order by sequence""")
            .param("epoch", sender.epoch())
            .param("channel", channel.wireName())
            .query(Long.class)
            .list();
    for (long sequence : unpublished) {
      publish(rebuild(channel, sequence));
      log.info("Published {} batch {} again after an interrupted publication", channel, sequence);
    }
    return unpublished.size();
  }

  private OutgoingBatch allocate(
      Channel channel,
      List<? extends TransferRecord> records,
      Compression compression,
      ManifestExtras extras,
      LongConsumer inAllocation) {
    // Serialises allocation per channel across threads and instances sharing the database.
    jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
        .param("key", "outbound:" + sender.epoch() + ":" + channel.wireName())
        .query()
        .singleRow();
    long sequence =
        jdbc.sql(
                """
                select coalesce(max(sequence), 0) + 1 from outbound_batches
                where sender_epoch = :epoch and channel = :channel""")
            .param("epoch", sender.epoch())
            .param("channel", channel.wireName())
            .query(Long.class)
            .single();
    // Microseconds are all PostgreSQL keeps; milliseconds keep the repaired manifest identical.
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    OutgoingBatch batch =
        new OutgoingBatch(
            channel,
            sequence,
            UUID.randomUUID(),
            sender,
            createdAt,
            records,
            compression,
            extras.acks(),
            extras.highestSent(),
            extras.snapshot());
    jdbc.sql(
            """
            insert into outbound_batches (sender_epoch, channel, sequence, batch_id, record_count,
                payload_file, compression, state, created_at, manifest_extras)
            values (:epoch, :channel, :sequence, :batchId, :count, :payloadFile, :compression,
                'ALLOCATED', :createdAt, cast(:extras as jsonb))""")
        .param("epoch", sender.epoch())
        .param("channel", channel.wireName())
        .param("sequence", sequence)
        .param("batchId", batch.batchId())
        .param("count", records.size())
        .param("payloadFile", batch.name().payloadFileName(compression))
        .param("compression", compression.wireName())
        .param("createdAt", Timestamp.from(createdAt))
        .param("extras", extras.toJson())
        .update();
    // One statement for the batch's records, each at its position (from 0, as unnest's ordinality
    // counts from 1).
    jdbc.sql(
            """
            insert into outbound_batch_records (sender_epoch, channel, sequence, position,
                record_type, record_id, line)
            select :epoch, :channel, :sequence, r.position - 1, r.type, r.id, r.line
            from unnest(cast(:types as text[]), cast(:ids as text[]), cast(:lines as text[]))
                with ordinality as r(type, id, line, position)""")
        .param("epoch", sender.epoch())
        .param("channel", channel.wireName())
        .param("sequence", sequence)
        .param("types", Columns.texts(records, record -> record.type().wireName()))
        .param("ids", Columns.texts(records, TransferRecord::id))
        .param("lines", Columns.texts(records, OutboundBatches::line))
        .update();
    inAllocation.accept(sequence);
    return batch;
  }

  /** A batch's first publication, however it comes: sent, republished or repaired. */
  private EncodedBatch publish(OutgoingBatch batch) throws IOException {
    EncodedBatch encoded = toOutbox(() -> writer.publish(batch));
    metrics.published(
        batch.channel(), encoded.manifest().recordCount(), encoded.manifest().payloadBytes());
    batch(
            """
            update outbound_batches
            set state = 'PUBLISHED', payload_bytes = :bytes, payload_sha256 = :sha256,
                published_at = :now, last_sent_at = :now, send_count = send_count + 1
            where sender_epoch = :epoch and channel = :channel and sequence = :sequence
              and state = 'ALLOCATED'""",
            batch.channel(),
            batch.sequence())
        .param("bytes", encoded.manifest().payloadBytes())
        .param("sha256", encoded.manifest().payloadSha256())
        .param("now", Timestamp.from(clock.instant()))
        .update();
    return encoded;
  }

  /** A write to the outbox. */
  @FunctionalInterface
  private interface OutboxWrite<T> {
    T run() throws IOException;
  }

  /** Runs a write to the outbox, keeping {@link OutboxFailures} told whether writes work. */
  private <T> T toOutbox(OutboxWrite<T> write) throws IOException {
    try {
      T written = write.run();
      failures.succeeded();
      return written;
    } catch (IOException e) {
      failures.failed(e);
      throw e;
    }
  }

  private OutgoingBatch rebuild(Channel channel, long sequence) {
    var row =
        batch(
                """
                select batch_id, created_at, compression, record_count,
                       manifest_extras::text as extras
                from outbound_batches
                where sender_epoch = :epoch and channel = :channel and sequence = :sequence""",
                channel,
                sequence)
            .query()
            .singleRow();
    List<TransferRecord> records = new ArrayList<>();
    batch(
            """
            select line from outbound_batch_records
            where sender_epoch = :epoch and channel = :channel and sequence = :sequence
            order by position""",
            channel,
            sequence)
        .query(String.class)
        .list()
        .forEach(line -> records.add(decode(channel, line)));
    if (records.size() != (Integer) row.get("record_count")) {
      // Pruned meanwhile: a batch rebuilt from fewer lines would be other content.
      throw new IllegalStateException(
          "the ledger no longer holds all records of " + channel + " batch " + sequence);
    }
    ManifestExtras extras = ManifestExtras.fromJson((String) row.get("extras"));
    return new OutgoingBatch(
        channel,
        sequence,
        (UUID) row.get("batch_id"),
        sender,
        ((Timestamp) row.get("created_at")).toInstant(),
        records,
        Compression.fromWireName((String) row.get("compression")).orElseThrow(),
        extras.acks(),
        extras.highestSent(),
        extras.snapshot());
  }

  private static String line(TransferRecord record) {
    byte[] line = RecordCodec.encodeLine(record);
    return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
  }

  private static TransferRecord decode(Channel channel, String line) {
    RecordLine decoded = RecordCodec.decode(channel, 1, line);
    if (decoded instanceof RecordLine.Valid valid) {
      return valid.record();
    }
    throw new IllegalStateException(
        "the ledger holds a record this node wrote but cannot read: "
            + ((RecordLine.Invalid) decoded).reason());
  }
}
