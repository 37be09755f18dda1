package io.airlock.requestside.auth;

import io.airlock.requestside.users.Caller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller, by access token or API key; the role comes from the directory. */
final class CallerAuthentication extends AbstractAuthenticationToken {

  private final Caller caller;
  private final Object credentials;

  CallerAuthentication(Caller caller, Object credentials, Collection<String> scopes) {
    super(authorities(caller, scopes));
    this.caller = caller;
    this.credentials = credentials;
    setAuthenticated(true);
  }

  private static List<GrantedAuthority> authorities(Caller caller, Collection<String> scopes) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority("ROLE_" + caller.role().toUpperCase()));
    scopes.forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
    return authorities;
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
