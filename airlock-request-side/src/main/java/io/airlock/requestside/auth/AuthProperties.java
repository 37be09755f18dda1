package io.airlock.requestside.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * How callers authenticate.
 *
 * @param jwt how access tokens are signed and checked
 * @param refreshTokenTtl how long a refresh token may be used, counted from its issue (a rotation
 *     issues a new one with a full lifetime)
 */
@ConfigurationProperties("airlock.auth")
record AuthProperties(@DefaultValue Jwt jwt, @DefaultValue("7d") Duration refreshTokenTtl) {

  /**
   * Access tokens: HS256 with {@code secret}, or RS256 with {@code private-key} and {@code
   * public-key}; exactly one of the two.
   *
   * @param secret the HS256 secret, at least 32 bytes (UTF-8)
   * @param privateKey PKCS#8 PEM RSA private key for RS256
   * @param publicKey X.509 PEM RSA public key for RS256
   * @param issuer the {@code iss} this side writes and requires
   * @param audience the {@code aud} this side writes and requires
   * @param accessTokenTtl how long an access token is valid
   * @param clockSkew how far another clock may be off when checking {@code exp} and {@code nbf}
   * @param allowGeneratedKey when no key is configured, generate a random HS256 secret (tokens then
   *     die with the process and do not work across instances) instead of refusing to start; for
   *     the embedded demo only
   */
  record Jwt(
      String secret,
      Resource privateKey,
      Resource publicKey,
      @DefaultValue("airlock-request-side") String issuer,
      @DefaultValue("airlock-request-side") String audience,
      @DefaultValue("1h") Duration accessTokenTtl,
      @DefaultValue("30s") Duration clockSkew,
      @DefaultValue("false") boolean allowGeneratedKey) {}
}
