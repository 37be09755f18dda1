package io.airlock.requestside.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code airlock.notifications} ({@code airlock_notifications_total}) by {@code channel} ({@code
 * email}, {@code webhook}) and {@code outcome}: {@code sent}, {@code retry} (an attempt failed,
 * another follows) or {@code dead} (given up).
 */
@Component
class NotificationMeters {

  static final String NAME = "airlock.notifications";

  private final Map<String, Counter> counters = new HashMap<>();

  NotificationMeters(MeterRegistry registry) {
    for (String channel : List.of(NotificationChoices.EMAIL, NotificationChoices.WEBHOOK)) {
      for (String outcome : List.of("sent", "retry", "dead")) {
        counters.put(
            channel + "/" + outcome,
            Counter.builder(NAME)
                .description("Attempts at telling users that a request ended, by outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry));
      }
    }
  }

  void count(String channel, String outcome) {
    Counter counter = counters.get(channel + "/" + outcome);
    if (counter != null) {
      counter.increment();
    }
  }
}
