package io.airlock.requestside.auth;

import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.Users;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Turns a verified access token into its caller, looking the user up on every request (in this
 * instance's cache of the directory, see {@link io.airlock.requestside.users.DirectoryCaching}): a
 * user the directory deactivated, or removed, is refused within a second, not when their token
 * expires.
 */
@Component
class ActiveCallers implements Converter<Jwt, AbstractAuthenticationToken> {

  private final Users users;

  ActiveCallers(Users users) {
    this.users = users;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    UUID id;
    try {
      id = UUID.fromString(jwt.getSubject());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadCredentialsException("Access token without a user id");
    }
    User user =
        users
            .byIdForCall(id)
            .filter(User::active)
            .orElseThrow(() -> new BadCredentialsException("No active user for access token"));
    return CallerAuthentication.byToken(Caller.of(user), jwt);
  }
}
