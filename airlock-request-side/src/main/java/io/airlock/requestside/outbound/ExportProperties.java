package io.airlock.requestside.outbound;

import io.airlock.transfer.batch.SenderLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When pending requests, cancellations and account changes are sent across the gap.
 *
 * @param enabled whether the exporter runs on its own; off, it runs only when called (tests)
 * @param batchTrigger while the previous batch still waits in the outbox, export as soon as this
 *     many requests are pending (with the outbox empty, pending records go at once)
 * @param linger while the previous batch still waits in the outbox, export once the oldest pending
 *     record has waited this long, however few there are
 * @param checkInterval how often the trigger conditions are checked
 * @param maxRecords most records in one batch (it is also cut at 8 MiB)
 * @param answerGrace how long past its deadline an exported request still waits for its answer
 *     (which may be crossing the gap) before it is marked expired
 */
@ConfigurationProperties("airlock.export")
record ExportProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("500") int batchTrigger,
    @DefaultValue("200ms") Duration linger,
    @DefaultValue("50ms") Duration checkInterval,
    @DefaultValue("1h") Duration answerGrace,
    @DefaultValue("500") int maxRecords) {

  SenderLimits limits() {
    return new SenderLimits(maxRecords, SenderLimits.DEFAULTS.maxPayloadBytes());
  }
}
