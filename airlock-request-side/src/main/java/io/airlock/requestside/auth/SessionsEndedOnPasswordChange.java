package io.airlock.requestside.auth;

import io.airlock.requestside.users.PasswordChanged;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Revokes every refresh token of a user who changed their password, in the same transaction:
 * whoever learnt the old password and logged in with it must not keep a session. Access tokens run
 * out within their short lifetime.
 */
@Component
class SessionsEndedOnPasswordChange {

  private final RefreshTokens refreshTokens;
  private final Clock clock;

  SessionsEndedOnPasswordChange(RefreshTokens refreshTokens, Clock clock) {
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  @EventListener
  void on(PasswordChanged changed) {
    refreshTokens.revokeAllOf(changed.userId(), clock.instant());
  }
}
