package io.airlock.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@link GapTracing} over the side's tracer, or tracing nothing where there is none. */
@AutoConfiguration
public class TracingAutoConfiguration {

  @Bean
  GapTracing gapTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    return new GapTracing(
        tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
  }
}
