package io.airlock.requestside.requests;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes idempotency keys past their 24 hours, hourly; idempotent, so every instance runs it. */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyCleanup implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);
  private static final Duration INTERVAL = Duration.ofHours(1);

  private final IdempotencyKeys keys;
  private final Clock clock;

  IdempotencyKeyCleanup(IdempotencyKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this::clean, INTERVAL);
  }

  void clean() {
    try {
      keys.forgetBefore(clock.instant());
    } catch (RuntimeException e) {
      log.warn("Deleting old idempotency keys failed; retrying in an hour: {}", e.toString());
    }
  }
}
