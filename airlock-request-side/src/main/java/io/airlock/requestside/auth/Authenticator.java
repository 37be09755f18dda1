package io.airlock.requestside.auth;

import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Logs users in and keeps their sessions going. Refusals are values, audited outside any
 * transaction so that the audit row outlives the refusal.
 */
@Service
class Authenticator {

  sealed interface Outcome permits SignedIn, Refused {}

  record SignedIn(AccessTokens.Issued access, String refreshToken) implements Outcome {}

  record Refused(String reason) implements Outcome {}

  private static final int REFRESH_TOKEN_BYTES = 32;

  private final Users users;
  private final RefreshTokens refreshTokens;
  private final AccessTokens accessTokens;
  private final PasswordEncoder passwords;
  private final AuditLog audit;
  private final AuthProperties properties;
  private final TransactionTemplate transactions;
  private final SignInMeters meters;
  private final Clock clock;
  // Compared against when the user is unknown, so that the answer takes as long as for a known one.
  private final String decoyHash;

  Authenticator(
      Users users,
      RefreshTokens refreshTokens,
      AccessTokens accessTokens,
      PasswordEncoder passwords,
      AuditLog audit,
      AuthProperties properties,
      TransactionTemplate transactions,
      SignInMeters meters,
      Clock clock) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.passwords = passwords;
    this.audit = audit;
    this.properties = properties;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
    this.decoyHash = passwords.encode(Secrets.random(16));
  }

  Outcome login(String username, String password) {
    Optional<User> verified = verified(username, password);
    meters.counted(SignInMeters.Via.API, verified.isPresent());
    if (verified.isEmpty()) {
      return new Refused("refused");
    }
    User user = verified.get();
    Instant now = clock.instant();
    return transactions.execute(
        status -> {
          signedIn(user, now);
          return new SignedIn(
              accessTokens.issue(user), newRefreshToken(user.id(), UUID.randomUUID(), now));
        });
  }

  /**
   * Signs a user in to a browser session of the console: the same checks and audit entries as
   * {@link #login}, without any token.
   */
  Optional<User> signIn(String username, String password) {
    Optional<User> verified = verified(username, password);
    meters.counted(SignInMeters.Via.CONSOLE, verified.isPresent());
    verified.ifPresent(
        user -> transactions.executeWithoutResult(status -> signedIn(user, clock.instant())));
    return verified;
  }

  /** The active user with that password; a refusal is audited with its reason. */
  private Optional<User> verified(String username, String password) {
    Optional<User> found = users.byUsername(username);
    boolean matches = passwords.matches(password, found.map(User::passwordHash).orElse(decoyHash));
    if (found.isEmpty() || !matches || !found.get().active()) {
      String reason =
          found.isEmpty() ? "unknown user" : !matches ? "wrong password" : "inactive user";
      audit.record(username, "login", "user:" + username, AuditLog.Outcome.FAILURE, reason);
      return Optional.empty();
    }
    return found;
  }

  private void signedIn(User user, Instant now) {
    users.loggedIn(user.id(), now);
    audit.record(
        user.username(), "login", "user:" + user.username(), AuditLog.Outcome.SUCCESS, null);
  }

  Outcome refresh(String refreshToken) {
    Instant now = clock.instant();
    Outcome outcome =
        transactions.execute(
            status -> {
              Optional<RefreshTokens.Stored> found =
                  refreshTokens.lockBySha256(Secrets.sha256(refreshToken));
              if (found.isEmpty()) {
                return new Refused("unknown refresh token");
              }
              RefreshTokens.Stored stored = found.get();
              if (stored.rotatedAt() != null && stored.revokedAt() == null) {
                // Someone holds a token that was already exchanged: the family is compromised.
                refreshTokens.revokeFamily(stored.family(), now);
                return new Refused("reused refresh token, family " + stored.family() + " revoked");
              }
              if (!stored.usable(now)) {
                return new Refused("revoked or expired refresh token");
              }
              Optional<User> user = users.byId(stored.userId()).filter(User::active);
              if (user.isEmpty()) {
                refreshTokens.revokeFamily(stored.family(), now);
                return new Refused("inactive user");
              }
              UUID nextId = UUID.randomUUID();
              String next = newRefreshToken(nextId, stored.userId(), stored.family(), now);
              refreshTokens.rotated(stored.id(), nextId, now);
              audit.record(
                  user.get().username(),
                  "refresh",
                  "user:" + user.get().username(),
                  AuditLog.Outcome.SUCCESS,
                  null);
              return new SignedIn(accessTokens.issue(user.get()), next);
            });
    if (outcome instanceof Refused refused) {
      audit.record(
          "anonymous", "refresh", "refresh-token", AuditLog.Outcome.FAILURE, refused.reason());
    }
    return outcome;
  }

  /** Ends the session the refresh token belongs to, if it is the caller's; silent otherwise. */
  void logout(Caller caller, String refreshToken) {
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        status ->
            refreshTokens
                .lockBySha256(Secrets.sha256(refreshToken))
                .filter(stored -> stored.userId().equals(caller.id()))
                .ifPresent(
                    stored -> {
                      refreshTokens.revokeFamily(stored.family(), now);
                      audit.record(
                          caller.username(),
                          "logout",
                          "user:" + caller.username(),
                          AuditLog.Outcome.SUCCESS,
                          null);
                    }));
  }

  private String newRefreshToken(UUID userId, UUID family, Instant now) {
    return newRefreshToken(UUID.randomUUID(), userId, family, now);
  }

  private String newRefreshToken(UUID id, UUID userId, UUID family, Instant now) {
    String token = Secrets.random(REFRESH_TOKEN_BYTES);
    refreshTokens.add(
        id, userId, family, Secrets.sha256(token), now, now.plus(properties.refreshTokenTtl()));
    return token;
  }
}
