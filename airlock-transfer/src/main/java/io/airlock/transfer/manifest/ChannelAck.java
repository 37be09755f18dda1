package io.airlock.transfer.manifest;

import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import java.util.List;
import java.util.Objects;

/**
 * What a side has verified and committed of one channel it receives, carried in its outgoing
 * manifests. An ack means "verified and committed", never just "arrived".
 *
 * @param channel the channel received
 * @param peer the sender epoch the sequences belong to
 * @param contiguous the highest sequence such that it and every one below it are applied
 * @param missing sequences above {@code contiguous} and below the highest applied that are absent
 */
public record ChannelAck(Channel channel, SenderEpoch peer, long contiguous, List<Long> missing) {

  public ChannelAck {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(peer, "peer");
    if (contiguous < 0) {
      throw new IllegalArgumentException("contiguous must not be negative");
    }
    missing = List.copyOf(missing);
  }

  /**
   * Merges a newer ack for the same channel and peer into this one: the contiguous watermark is the
   * maximum of both (acks only grow), and the missing list is taken from the newer ack alone,
   * dropping anything the merged watermark already covers.
   */
  public ChannelAck mergeNewer(ChannelAck newer) {
    if (newer.channel != channel || !newer.peer.equals(peer)) {
      throw new IllegalArgumentException("acks for different channels or epochs do not merge");
    }
    long merged = Math.max(contiguous, newer.contiguous);
    return new ChannelAck(
        channel, peer, merged, newer.missing.stream().filter(s -> s > merged).toList());
  }

  /** Whether the peer has applied {@code sequence}, as far as this ack tells. */
  public boolean acknowledges(long sequence) {
    return sequence <= contiguous;
  }
}
