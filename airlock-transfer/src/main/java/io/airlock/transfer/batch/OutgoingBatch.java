package io.airlock.transfer.batch;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.TransferRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a batch is made of. The same value always encodes to the same bytes, which is what
 * lets a sender repair an interrupted publication by writing the batch again.
 *
 * @param highestSent for {@code control} batches: the highest sequence sent per channel
 * @param snapshot set on the parts of a full directory snapshot, else null
 */
public record OutgoingBatch(
    Channel channel,
    long sequence,
    UUID batchId,
    SenderEpoch sender,
    Instant createdAt,
    List<? extends TransferRecord> records,
    Compression compression,
    List<ChannelAck> acks,
    Map<Channel, Long> highestSent,
    SnapshotPart snapshot) {

  public OutgoingBatch {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(compression, "compression");
    records = List.copyOf(records);
    acks = List.copyOf(acks);
    highestSent = Map.copyOf(highestSent);
    for (TransferRecord record : records) {
      if (record.type().channel() != channel) {
        throw new IllegalArgumentException(
            "a " + record.type().wireName() + " record cannot travel on " + channel);
      }
    }
    if (snapshot != null && channel != Channel.DIRECTORY) {
      throw new IllegalArgumentException("only directory batches are snapshot parts");
    }
  }

  /** The batch's name. */
  public BatchName name() {
    return new BatchName(channel, sequence, batchId);
  }
}
