package io.airlock.requestside.auth;

import io.airlock.requestside.users.PasswordChanged;
import io.airlock.requestside.users.UserDeactivated;
import io.airlock.requestside.users.Users;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Revokes every refresh token of a user and ends their console sessions, in the same transaction as
 * what made it necessary: the user changed their password (whoever learnt the old one and logged in
 * with it must not keep a session), or the directory deactivated them (DESIGN §2 "Trust"). Access
 * tokens run out within their short lifetime, and are refused at once for an inactive user.
 */
@Component
class SessionsEnded {

  private final RefreshTokens refreshTokens;
  private final FindByIndexNameSessionRepository<? extends Session> browserSessions;
  private final Users users;
  private final Clock clock;

  SessionsEnded(
      RefreshTokens refreshTokens,
      FindByIndexNameSessionRepository<? extends Session> browserSessions,
      Users users,
      Clock clock) {
    this.refreshTokens = refreshTokens;
    this.browserSessions = browserSessions;
    this.users = users;
    this.clock = clock;
  }

  @EventListener
  void on(PasswordChanged changed) {
    endAllOf(changed.userId());
  }

  @EventListener
  void on(UserDeactivated deactivated) {
    endAllOf(deactivated.userId());
  }

  private void endAllOf(UUID userId) {
    refreshTokens.revokeAllOf(userId, clock.instant());
    // A session's principal name is its user's name (CallerAuthentication#getName).
    users
        .byId(userId)
        .ifPresent(
            user ->
                browserSessions
                    .findByPrincipalName(user.username())
                    .keySet()
                    .forEach(browserSessions::deleteById));
  }
}
