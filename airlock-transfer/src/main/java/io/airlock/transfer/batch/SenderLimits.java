package io.airlock.transfer.batch;

/**
 * How large a sender makes its batches. Both caps must stay below the receiver's {@link
 * ReceiveLimits}; a single record larger than {@code maxPayloadBytes} can never be sent and is
 * reported by {@link BatchCut} so the sender can answer with a failure instead.
 *
 * @param maxRecords most records in one batch
 * @param maxPayloadBytes most uncompressed payload bytes in one batch
 */
public record SenderLimits(int maxRecords, long maxPayloadBytes) {

  /** 500 records, 8 MiB. */
  public static final SenderLimits DEFAULTS = new SenderLimits(500, 8L * 1024 * 1024);

  public SenderLimits {
    if (maxRecords < 1 || maxPayloadBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
