package io.airlock.requestside.auth;

import io.airlock.requestside.users.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues access tokens. Only the user id matters on the way back in: the rest is looked up. */
@Component
class AccessTokens {

  private final AccessTokenKeys keys;
  private final AuthProperties.Jwt settings;
  private final Clock clock;

  AccessTokens(AccessTokenKeys keys, AuthProperties properties, Clock clock) {
    this.keys = keys;
    this.settings = properties.jwt();
    this.clock = clock;
  }

  record Issued(String token, Duration lifetime) {}

  Issued issue(User user) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .id(UUID.randomUUID().toString())
            .issuer(settings.issuer())
            .audience(List.of(settings.audience()))
            .subject(user.id().toString())
            .claim("username", user.username())
            .issuedAt(now)
            .notBefore(now)
            .expiresAt(now.plus(settings.accessTokenTtl()))
            .build();
    JwsHeader header = JwsHeader.with(keys.algorithm()).type("JWT").build();
    String token = keys.encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    return new Issued(token, settings.accessTokenTtl());
  }
}
