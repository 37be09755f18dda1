package io.airlock.responseside.execution;

import io.airlock.responseside.cache.ResultBody;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.ResultRecord;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a result must be to be answered as it is: storable (jsonb refuses a NUL character) and small
 * enough that its record fits a results batch ({@code airlock.executor.max-result-bytes}). Asked by
 * the workers of every result, and by the import of a cached one it answers at once.
 */
@Component
public class ResultLimits {

  private final ExecutorProperties properties;

  ResultLimits(ExecutorProperties properties) {
    this.properties = properties;
  }

  /** Whether the result holds a NUL character, which it cannot be stored with. */
  public boolean holdsNul(ResultBody body) {
    return body.text().contains("\\u0000");
  }

  /**
   * Whether the result's record, envelope included, fits a results batch: that is what must fit.
   */
  public boolean fits(UUID requestId, String traceId, Instant receivedAt, ResultBody body) {
    if (body.bytes() > maxBytes()) {
      return false;
    }
    ResultRecord record =
        new ResultRecord(
            requestId.toString(),
            traceId,
            body.json(),
            0,
            false,
            body.sha256(),
            receivedAt,
            Instant.now());
    return RecordCodec.encodeLine(record).length <= maxBytes();
  }

  /** Whether the result can be answered as it is. */
  public boolean answerable(UUID requestId, String traceId, Instant receivedAt, ResultBody body) {
    return !holdsNul(body) && fits(requestId, traceId, receivedAt, body);
  }

  long maxBytes() {
    return properties.maxResultBytes().toBytes();
  }
}
