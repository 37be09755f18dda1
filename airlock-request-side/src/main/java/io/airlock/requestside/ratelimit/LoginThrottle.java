package io.airlock.requestside.ratelimit;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down: sign-in attempts per username and per client address, each a
 * minute's worth, taken before the password is hashed and compared.
 */
@Component
public class LoginThrottle {

  private final MinuteLimits limits;
  private final ApiLimitProperties properties;

  LoginThrottle(MinuteLimits limits, ApiLimitProperties properties) {
    this.limits = limits;
    this.properties = properties;
  }

  /** Takes one attempt; returns the limit that refuses it, if one does. */
  public Optional<MinuteLimits.Taken> refuses(String username, String address) {
    MinuteLimits.Taken byAddress =
        limits.take("login:address:" + address, properties.loginPerAddress());
    if (!byAddress.allowed()) {
      return Optional.of(byAddress);
    }
    MinuteLimits.Taken byUsername =
        limits.take(
            "login:username:" + username.toLowerCase(Locale.ROOT), properties.loginPerUsername());
    return byUsername.allowed() ? Optional.empty() : Optional.of(byUsername);
  }
}
