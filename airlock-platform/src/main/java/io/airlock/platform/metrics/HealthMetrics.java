package io.airlock.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code airlock.health{group}}: 1 while a health group is UP, 0 otherwise, so that an alert can
 * say a side is not ready while its process still answers scrapes.
 */
final class HealthMetrics implements MeterBinder {

  private static final List<String> GROUPS = List.of("readiness", "liveness");

  private final HealthEndpoint health;

  HealthMetrics(HealthEndpoint health) {
    this.health = health;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String group : GROUPS) {
      Sampled<Double> up = new Sampled<>(() -> up(group), Duration.ofSeconds(5), Double.NaN);
      Gauge.builder("airlock.health", up, Sampled::get)
          .description("1 while the health group is UP, 0 otherwise")
          .tag("group", group)
          // Nothing else holds the sample; a gauge holds its object weakly by default.
          .strongReference(true)
          .register(registry);
    }
  }

  private double up(String group) {
    HealthDescriptor descriptor = health.healthForPath(group);
    return descriptor != null && Status.UP.equals(descriptor.getStatus()) ? 1 : 0;
  }
}
