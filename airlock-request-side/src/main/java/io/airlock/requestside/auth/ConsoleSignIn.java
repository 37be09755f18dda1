package io.airlock.requestside.auth;

import io.airlock.console.SignInThrottled;
import io.airlock.requestside.ratelimit.LoginThrottle;
import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.Users;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs users in to the console with the same throttle and audit entries as {@code POST
 * /auth/login}, and keeps a session's user current: deactivated in the directory, the session ends
 * on its next request (within the directory cache's second, as for tokens).
 */
@Component
class ConsoleSignIn implements AuthenticationProvider {

  private final Authenticator authenticator;
  private final LoginThrottle throttle;
  private final Users users;
  private final Clock clock;

  ConsoleSignIn(Authenticator authenticator, LoginThrottle throttle, Users users, Clock clock) {
    this.authenticator = authenticator;
    this.throttle = throttle;
    this.users = users;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String username = attempt.getName();
    String password = String.valueOf(attempt.getCredentials());
    // The API's bounds (AuthController.LoginForm), before anything is counted or written.
    if (username.isBlank() || username.length() > 200 || password.length() > 1000) {
      throw new BadCredentialsException(AuthController.REFUSED);
    }
    String address =
        attempt.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : null;
    // Before the password is hashed, as for the API: guessing must not cost the processors.
    Optional<io.airlock.requestside.ratelimit.MinuteLimits.Taken> refused =
        throttle.refuses(username, address);
    if (refused.isPresent()) {
      throw new SignInThrottled(refused.get().secondsToReset(clock));
    }
    return authenticator
        .signIn(username, password)
        .map(user -> CallerAuthentication.byBrowser(Caller.of(user)))
        .orElseThrow(() -> new BadCredentialsException(AuthController.REFUSED));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** The session's user as the directory has them now; empty once they may not sign in. */
  Optional<Authentication> current(Authentication session) {
    if (!(session.getPrincipal() instanceof Caller caller)) {
      return Optional.empty();
    }
    return users
        .byIdForCall(caller.id())
        .filter(User::active)
        .map(user -> CallerAuthentication.byBrowser(Caller.of(user)));
  }
}
