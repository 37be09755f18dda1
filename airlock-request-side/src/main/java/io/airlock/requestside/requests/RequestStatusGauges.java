package io.airlock.requestside.requests;

import io.airlock.platform.metrics.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code airlock.requests} by status: how many requests stand in each, every status from the start.
 * One query answers all the gauges, at most every five seconds however often they are scraped.
 */
@Component
class RequestStatusGauges {

  RequestStatusGauges(RequestListing listing, MeterRegistry registry) {
    Sampled<Map<RequestStatus, Long>> counts =
        new Sampled<>(listing::countByStatus, Duration.ofSeconds(5), Map.of());
    for (RequestStatus status : RequestStatus.values()) {
      Gauge.builder("airlock.requests", counts, sampled -> sampled.get().getOrDefault(status, 0L))
          .description("Requests by status")
          .tag("status", status.wireName())
          // Nothing else holds the sample; a gauge holds its object weakly by default.
          .strongReference(true)
          .register(registry);
    }
  }
}
