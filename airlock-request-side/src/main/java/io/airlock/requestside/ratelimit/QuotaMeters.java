package io.airlock.requestside.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code airlock.quota.events}: what the quotas told submissions, as their headers say it — {@code
 * warning} ({@code X-Quota-Warning}), {@code grace} ({@code X-Quota-Grace}) and {@code refused}. A
 * submission in its grace is warned too, so it counts as both.
 */
@Component
public class QuotaMeters {

  private final Counter warning;
  private final Counter grace;
  private final Counter refused;

  QuotaMeters(MeterRegistry registry) {
    this.warning = counter(registry, "warning");
    this.grace = counter(registry, "grace");
    this.refused = counter(registry, "refused");
  }

  /** Counts what one submission was told. */
  public void told(QuotaDecision decision) {
    if (decision instanceof QuotaDecision.Refused) {
      refused.increment();
      return;
    }
    QuotaDecision.Allowed allowed = (QuotaDecision.Allowed) decision;
    if (!allowed.nearlyUsed().isEmpty()) {
      warning.increment();
    }
    if (allowed.grace() != null) {
      grace.increment();
    }
  }

  private static Counter counter(MeterRegistry registry, String event) {
    return Counter.builder("airlock.quota.events")
        .description("Quota warnings, graces and refusals told to submissions")
        .tag("event", event)
        .register(registry);
  }
}
