package io.airlock.transfer.batch;

import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.TransferRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The next batch cut from an ordered list of candidates, capped by count and by bytes.
 *
 * @param included the longest prefix of candidates that fits, minus oversized records
 * @param oversized candidates within that prefix that could never fit in any batch
 */
public record BatchCut<T extends TransferRecord>(List<T> included, List<T> oversized) {

  /**
   * Takes candidates in order while they fit the limits. A record that alone exceeds the byte cap
   * is set aside as oversized (its sender must answer it another way) and the cut goes on.
   */
  public static <T extends TransferRecord> BatchCut<T> of(List<T> candidates, SenderLimits limits) {
    List<T> included = new ArrayList<>();
    List<T> oversized = new ArrayList<>();
    long bytes = 0;
    for (T candidate : candidates) {
      if (included.size() == limits.maxRecords()) {
        break;
      }
      long size = RecordCodec.encodeLine(candidate).length;
      if (size > limits.maxPayloadBytes()) {
        oversized.add(candidate);
        continue;
      }
      if (bytes + size > limits.maxPayloadBytes()) {
        break;
      }
      bytes += size;
      included.add(candidate);
    }
    return new BatchCut<>(List.copyOf(included), List.copyOf(oversized));
  }
}
