package io.airlock.requestside.auth;

import io.airlock.requestside.users.UserDeactivated;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Revokes every refresh token of a user the directory deactivated, in the same transaction (DESIGN
 * §2 "Trust"). Access tokens are refused at once too: each is checked against the user's active
 * flag.
 */
@Component
class SessionsEndedOnDeactivation {

  private final RefreshTokens refreshTokens;
  private final Clock clock;

  SessionsEndedOnDeactivation(RefreshTokens refreshTokens, Clock clock) {
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  @EventListener
  void on(UserDeactivated deactivated) {
    refreshTokens.revokeAllOf(deactivated.userId(), clock.instant());
  }
}
