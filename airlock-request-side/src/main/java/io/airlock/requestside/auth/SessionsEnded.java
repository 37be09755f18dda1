package io.airlock.requestside.auth;

import io.airlock.requestside.users.PasswordChanged;
import io.airlock.requestside.users.UserDeactivated;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Revokes every refresh token of a user, in the same transaction as what made it necessary: the
 * user changed their password (whoever learnt the old one and logged in with it must not keep a
 * session), or the directory deactivated them (DESIGN §2 "Trust"). Access tokens run out within
 * their short lifetime, and are refused at once for an inactive user.
 */
@Component
class SessionsEnded {

  private final RefreshTokens refreshTokens;
  private final Clock clock;

  SessionsEnded(RefreshTokens refreshTokens, Clock clock) {
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  @EventListener
  void on(PasswordChanged changed) {
    refreshTokens.revokeAllOf(changed.userId(), clock.instant());
  }

  @EventListener
  void on(UserDeactivated deactivated) {
    refreshTokens.revokeAllOf(deactivated.userId(), clock.instant());
  }
}
