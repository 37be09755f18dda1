package io.airlock.responseside.security;

import io.airlock.responseside.monitoring.SystemLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signs operators in to the console: the accounts the admin API takes (high-side admins, their
 * BCrypt passwords), each sign-in and each refusal written to the system log. A session's operator
 * is looked up again on every request, so a deactivated account's session ends on its next one.
 *
 * <p>Not a bean: an {@link AuthenticationProvider} bean would become the global authentication
 * manager's only provider, and then check the admin API's HTTP Basic credentials too.
 */
class ConsoleSignIn implements AuthenticationProvider {

  static final String REFUSED = "Invalid username or password";

  /** Hashed against when no account matches, so that a refusal takes as long either way. */
  private final String decoy;

  private final Accounts accounts;
  private final PasswordEncoder passwords;
  private final SystemLog log;

  ConsoleSignIn(Accounts accounts, PasswordEncoder passwords, SystemLog log) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.log = log;
    this.decoy = passwords.encode("no account has this password");
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String username = attempt.getName();
    String password = String.valueOf(attempt.getCredentials());
    if (username.isBlank() || username.length() > 200 || password.length() > 1000) {
      throw new BadCredentialsException(REFUSED);
    }
    Optional<Account> account = operator(username);
    boolean matches =
        passwords.matches(password, account.map(Account::passwordHash).orElse(decoy))
            && account.isPresent();
    log.record(
        matches ? SystemLog.Level.INFO : SystemLog.Level.WARN,
        "console",
        matches ? "Signed in to the console" : "Console sign-in refused",
        Map.of("username", username));
    if (!matches) {
      throw new BadCredentialsException(REFUSED);
    }
    return signedIn(username);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** The session's operator as the directory has them now; empty once they may not sign in. */
  Optional<Authentication> current(Authentication session) {
    return operator(session.getName()).map(account -> signedIn(account.username()));
  }

  /** An active high-side admin of that name. */
  private Optional<Account> operator(String username) {
    return accounts
        .byUsername(username)
        .filter(Account::active)
        .filter(account -> "admin".equals(account.role()));
  }

  private static Authentication signedIn(String username) {
    return UsernamePasswordAuthenticationToken.authenticated(
        username, null, List.of(new SimpleGrantedAuthority("ROLE_" + SecurityConfiguration.ADMIN)));
  }
}
