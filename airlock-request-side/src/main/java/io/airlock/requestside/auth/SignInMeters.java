package io.airlock.requestside.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code airlock.signins} by outcome (success, failure: the credentials were refused) and by way in
 * (api: {@code POST /auth/login}; console). An attempt the throttle turns away is not one.
 */
@Component
class SignInMeters {

  enum Via {
    API,
    CONSOLE
  }

  private final Map<Via, Counter> successes = new EnumMap<>(Via.class);
  private final Map<Via, Counter> failures = new EnumMap<>(Via.class);

  SignInMeters(MeterRegistry registry) {
    for (Via via : Via.values()) {
      successes.put(via, counter(registry, "success", via));
      failures.put(via, counter(registry, "failure", via));
    }
  }

  void counted(Via via, boolean signedIn) {
    (signedIn ? successes : failures).get(via).increment();
  }

  private static Counter counter(MeterRegistry registry, String outcome, Via via) {
    return Counter.builder("airlock.signins")
        .description("Sign-ins by outcome and way in")
        .tag("outcome", outcome)
        .tag("via", via.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }
}
