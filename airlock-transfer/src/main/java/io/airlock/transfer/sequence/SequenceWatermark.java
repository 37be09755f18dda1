package io.airlock.transfer.sequence;

import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.manifest.ChannelAck;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What a receiver has applied of one (sender epoch, channel): the highest contiguous sequence, and
 * the set of applied sequences above it. Batches may be applied in any order; the watermark is what
 * deduplication rests on, so it survives pruning of the batch ledger.
 *
 * <p>Not thread-safe: a receiver updates it inside the transaction that applies a batch.
 */
public final class SequenceWatermark {

  private long contiguous;
  private final NavigableSet<Long> above;

  private SequenceWatermark(long contiguous, NavigableSet<Long> above) {
    this.contiguous = contiguous;
    this.above = above;
    advance();
  }

  /** Nothing applied yet. */
  public static SequenceWatermark empty() {
    return new SequenceWatermark(0, new TreeSet<>());
  }

  /** A watermark restored from storage. */
  public static SequenceWatermark of(long contiguous, Iterable<Long> above) {
    if (contiguous < 0) {
      throw new IllegalArgumentException("contiguous must not be negative");
    }
    TreeSet<Long> set = new TreeSet<>();
    above.forEach(
        sequence -> {
          if (sequence > contiguous) {
            set.add(sequence);
          }
        });
    return new SequenceWatermark(contiguous, set);
  }

  /** The highest sequence such that it and all below it are applied; 0 when none. */
  public long contiguous() {
    return contiguous;
  }

  /** Applied sequences above {@link #contiguous()}, ascending. */
  public List<Long> above() {
    return List.copyOf(above);
  }

  /** The highest applied sequence; 0 when none. */
  public long highest() {
    return above.isEmpty() ? contiguous : above.last();
  }

  public boolean isApplied(long sequence) {
    return sequence <= contiguous || above.contains(sequence);
  }

  /** Records {@code sequence} as applied; returns false if it already was. */
  public boolean markApplied(long sequence) {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequences start at 1");
    }
    if (isApplied(sequence)) {
      return false;
    }
    above.add(sequence);
    advance();
    return true;
  }

  /**
   * Sequences not applied between the watermark and {@code knownHighest} (the highest the sender
   * says it has sent, or the highest applied if larger), ascending, at most {@code limit}.
   */
  public List<Long> missing(long knownHighest, int limit) {
    long highest = Math.max(knownHighest, highest());
    List<Long> missing = new ArrayList<>();
    for (long sequence = contiguous + 1;
        sequence <= highest && missing.size() < limit;
        sequence++) {
      if (!above.contains(sequence)) {
        missing.add(sequence);
      }
    }
    return missing;
  }

  /**
   * The ack block for this channel, as it goes into outgoing manifests, listing as missing also
   * what the sender announced it has sent ({@code announced}, from its control batches) but has not
   * arrived, so a lost last batch is asked for too.
   */
  public ChannelAck ack(Channel channel, SenderEpoch peer, long announced, int missingLimit) {
    return new ChannelAck(channel, peer, contiguous, missing(announced, missingLimit));
  }

  private void advance() {
    while (!above.isEmpty() && above.first() == contiguous + 1) {
      contiguous = above.pollFirst();
    }
  }
}
