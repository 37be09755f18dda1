package io.airlock.transfer.sequence;

/**
 * How an arriving batch relates to what was already applied from its (sender epoch, channel).
 * Classified after verification, before applying.
 */
public sealed interface SequenceCheck {

  /** Not applied before: apply it. */
  record Fresh() implements SequenceCheck {}

  /** Applied before with the same content (or the ledger no longer knows): archive, count, skip. */
  record Duplicate() implements SequenceCheck {}

  /**
   * The same sequence was applied with different content: quarantine and alert.
   *
   * @param appliedSha256 the checksum of the batch that was applied
   */
  record Conflict(String appliedSha256) implements SequenceCheck {}

  /**
   * Classifies a batch.
   *
   * @param watermark the receiver's watermark for the batch's sender epoch and channel
   * @param sequence the batch's sequence
   * @param sha256 the batch's payload checksum
   * @param appliedSha256 the checksum the ledger recorded for that sequence, or null if it holds
   *     none (never applied, or pruned)
   */
  static SequenceCheck classify(
      SequenceWatermark watermark, long sequence, String sha256, String appliedSha256) {
    if (!watermark.isApplied(sequence)) {
      return new Fresh();
    }
    if (appliedSha256 != null && !appliedSha256.equals(sha256)) {
      return new Conflict(appliedSha256);
    }
    return new Duplicate();
  }
}
