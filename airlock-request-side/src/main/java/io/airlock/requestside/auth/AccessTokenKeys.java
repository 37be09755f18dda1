package io.airlock.requestside.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The key access tokens are signed and verified with. The decoder accepts exactly one algorithm,
 * the configured one, so {@code alg: none} and algorithm swaps (an RS256 public key used as an
 * HS256 secret) fail before any claim is read.
 */
final class AccessTokenKeys {

  private static final Logger log = LoggerFactory.getLogger(AccessTokenKeys.class);

  static final int MIN_SECRET_BYTES = 32;

  private final JwsAlgorithm algorithm;
  private final JwtEncoder encoder;
  private final NimbusJwtDecoder decoder;

  private AccessTokenKeys(JwsAlgorithm algorithm, JwtEncoder encoder, NimbusJwtDecoder decoder) {
    this.algorithm = algorithm;
    this.encoder = encoder;
    this.decoder = decoder;
  }

  static AccessTokenKeys from(AuthProperties.Jwt jwt) {
    boolean hasSecret = jwt.secret() != null && !jwt.secret().isEmpty();
    boolean hasRsa = jwt.privateKey() != null || jwt.publicKey() != null;
    AccessTokenKeys keys;
    if (hasSecret && hasRsa) {
      throw new IllegalStateException(
          "Configure either airlock.auth.jwt.secret (HS256) or airlock.auth.jwt.private-key and"
              + " public-key (RS256), not both");
    } else if (hasSecret) {
      byte[] secret = jwt.secret().getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalStateException(
            "airlock.auth.jwt.secret must be at least " + MIN_SECRET_BYTES + " bytes");
      }
      keys = hmac(secret);
    } else if (hasRsa) {
      if (jwt.privateKey() == null || jwt.publicKey() == null) {
        throw new IllegalStateException(
            "RS256 needs both airlock.auth.jwt.private-key and airlock.auth.jwt.public-key");
      }
      keys = rsa(read(jwt.publicKey(), true), read(jwt.privateKey(), false));
    } else if (jwt.allowGeneratedKey()) {
      log.warn(
          "No access token key configured: signing with a generated HS256 secret. Tokens stop"
              + " working on restart and are not accepted by other instances. Configure"
              + " airlock.auth.jwt.secret or RS256 keys, and unset"
              + " airlock.auth.jwt.allow-generated-key, outside a demo.");
      byte[] secret = new byte[MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(secret);
      keys = hmac(secret);
    } else {
      throw new IllegalStateException(
          "No access token key configured: set airlock.auth.jwt.secret (HS256, at least "
              + MIN_SECRET_BYTES
              + " bytes) or airlock.auth.jwt.private-key and public-key (RS256 PEM), or, for a"
              + " demo only, airlock.auth.jwt.allow-generated-key=true");
    }
    keys.decoder.setJwtValidator(validator(jwt));
    return keys;
  }

  JwsAlgorithm algorithm() {
    return algorithm;
  }

  JwtEncoder encoder() {
    return encoder;
  }

  JwtDecoder decoder() {
    return decoder;
  }

  private static AccessTokenKeys hmac(byte[] secret) {
    SecretKey key = new SecretKeySpec(secret, "HmacSHA256");
    return new AccessTokenKeys(
        MacAlgorithm.HS256,
        new NimbusJwtEncoder(new ImmutableSecret<>(key)),
        NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build());
  }

  static AccessTokenKeys rsa(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
    RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
    return new AccessTokenKeys(
        SignatureAlgorithm.RS256,
        new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk))),
        NimbusJwtDecoder.withPublicKey(publicKey)
            .signatureAlgorithm(SignatureAlgorithm.RS256)
            .build());
  }

  private static OAuth2TokenValidator<Jwt> validator(AuthProperties.Jwt jwt) {
    JwtTimestampValidator timestamps = new JwtTimestampValidator(jwt.clockSkew());
    // The timestamp validator lets a token without exp through; ours always carry one.
    JwtClaimValidator<Instant> expires =
        new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull);
    JwtClaimValidator<List<String>> audience =
        new JwtClaimValidator<>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(jwt.audience()));
    return new DelegatingOAuth2TokenValidator<>(
        timestamps, expires, new JwtIssuerValidator(jwt.issuer()), audience);
  }

  @SuppressWarnings("unchecked")
  private static <K> K read(Resource resource, boolean publicKey) {
    try (InputStream in = resource.getInputStream()) {
      return (K)
          (publicKey ? RsaKeyConverters.x509().convert(in) : RsaKeyConverters.pkcs8().convert(in));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read RSA key from " + resource, e);
    }
  }
}
