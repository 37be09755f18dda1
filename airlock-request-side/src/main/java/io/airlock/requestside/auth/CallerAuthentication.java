package io.airlock.requestside.auth;

import io.airlock.requestside.apikeys.ApiKeyScope;
import io.airlock.requestside.users.Caller;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller, by access token, API key or a browser session of the console; the role
 * comes from the directory. A key's caller is limited to the key's scopes; a token's caller is the
 * user and is not.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

  // Kept in browser sessions (JDK serialisation): a new version must still read the old ones.
  private static final long serialVersionUID = 1L;

  private final Caller caller;
  private final Object credentials;
  private final Set<String> keyScopes;

  private CallerAuthentication(Caller caller, Object credentials, Set<String> keyScopes) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().toUpperCase())));
    this.caller = caller;
    this.credentials = credentials;
    this.keyScopes = keyScopes;
    setAuthenticated(true);
  }

  static CallerAuthentication byToken(Caller caller, Object token) {
    return new CallerAuthentication(caller, token, null);
  }

  /** A caller signed in to the console: a user, unlimited by scopes, kept in the session. */
  static CallerAuthentication byBrowser(Caller caller) {
    return new CallerAuthentication(caller, null, null);
  }

  static CallerAuthentication byApiKey(Caller caller, Collection<String> scopes) {
    return new CallerAuthentication(caller, null, Set.copyOf(scopes));
  }

  /** Whether the caller may act within {@code scope}. */
  boolean allows(ApiKeyScope scope) {
    return keyScopes == null || keyScopes.contains(scope.wireName());
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }

  @Override
  public Object getCredentials() {
    return credentials;
  }

  @Override
  public String getName() {
    return caller.username();
  }
}
