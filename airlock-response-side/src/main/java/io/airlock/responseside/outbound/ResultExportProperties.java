package io.airlock.responseside.outbound;

import io.airlock.transfer.batch.SenderLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When results and failures are sent across the gap, the same rule as the request side's exporter.
 *
 * @param enabled whether the exporter runs on its own; off, it runs only when called (tests)
 * @param batchTrigger while the previous batch still waits in the outbox, export as soon as this
 *     many results are waiting (with the outbox empty, waiting results go at once)
 * @param linger while the previous batch still waits in the outbox, export once the oldest waiting
 *     result has waited this long, however few there are
 * @param checkInterval how often the trigger conditions are checked
 * @param ackCheckInterval how often results are marked acknowledged from the ledger, besides after
 *     every export
 * @param maxRecords most results in one batch (it is also cut at 8 MiB)
 */
@ConfigurationProperties("airlock.results-export")
record ResultExportProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("500") int batchTrigger,
    @DefaultValue("200ms") Duration linger,
    @DefaultValue("50ms") Duration checkInterval,
    @DefaultValue("1s") Duration ackCheckInterval,
    @DefaultValue("500") int maxRecords) {

  SenderLimits limits() {
    return new SenderLimits(maxRecords, SenderLimits.DEFAULTS.maxPayloadBytes());
  }
}
