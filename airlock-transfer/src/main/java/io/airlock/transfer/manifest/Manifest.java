package io.airlock.transfer.manifest;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchName;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The manifest of a batch: what the payload is, who sent it, and what the sender has received. It
 * is written last and is the batch's commit marker; it is signed over its exact bytes without the
 * signature field (see {@link ManifestCodec}).
 *
 * @param formatVersion always {@link #FORMAT_VERSION} for this library
 * @param batchId unique id of the batch
 * @param channel the channel
 * @param sequence the batch's sequence on its channel within the sender epoch, from 1
 * @param sender the sender's node id and epoch
 * @param createdAt when the sender allocated the batch (sender clock)
 * @param recordCount number of payload lines
 * @param recordSchemaVersion version of the record schema, {@link #RECORD_SCHEMA_VERSION}
 * @param payloadFile payload file name, derived from the batch name and compression
 * @param payloadBytes size of the payload file
 * @param payloadSha256 SHA-256 of the payload file, lower-case hex
 * @param compression how the payload is compressed
 * @param acks per channel the sender receives: what it has applied
 * @param highestSent for {@code control} batches: the highest sequence sent per channel; else empty
 * @param snapshot set when the batch is one part of a full directory snapshot
 * @param keyId id of the signing key, or null when unsigned
 */
public record Manifest(
    int formatVersion,
    UUID batchId,
    Channel channel,
    long sequence,
    SenderEpoch sender,
    Instant createdAt,
    int recordCount,
    int recordSchemaVersion,
    String payloadFile,
    long payloadBytes,
    String payloadSha256,
    Compression compression,
    List<ChannelAck> acks,
    Map<Channel, Long> highestSent,
    SnapshotPart snapshot,
    String keyId) {

  /** The transfer format version this library writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** The record schema version this library writes and reads. */
  public static final int RECORD_SCHEMA_VERSION = 1;

  public Manifest {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(payloadFile, "payloadFile");
    Objects.requireNonNull(payloadSha256, "payloadSha256");
    Objects.requireNonNull(compression, "compression");
    acks = List.copyOf(acks);
    highestSent =
        highestSent.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(highestSent));
    if (recordCount < 0 || payloadBytes < 0) {
      throw new IllegalArgumentException("negative count or size");
    }
  }

  /** The batch's name, from which both file names derive. */
  public BatchName name() {
    return new BatchName(channel, sequence, batchId);
  }
}
