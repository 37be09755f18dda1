package io.airlock.requestside.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;

class AccessTokenKeysTests {

  static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void refusesToStartWithoutAKeyUnlessAGeneratedOneIsAllowed() {
    assertThatThrownBy(() -> AccessTokenKeys.from(jwt(null, null, null, false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("airlock.auth.jwt.secret")
        .hasMessageContaining("allow-generated-key");

    AccessTokenKeys generated = AccessTokenKeys.from(jwt(null, null, null, true));
    assertThat(generated.decoder().decode(sign(generated)).getSubject()).isEqualTo("someone");
  }

  @Test
  void refusesASecretShorterThan32Bytes() {
    assertThatThrownBy(() -> AccessTokenKeys.from(jwt("too short", null, null, false)))
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void refusesASecretAndRsaKeysTogether() {
    KeyPair pair = rsaKeyPair();
    assertThatThrownBy(
            () -> AccessTokenKeys.from(jwt(SECRET, privatePem(pair), publicPem(pair), false)))
        .hasMessageContaining("not both");
  }

  @Test
  void refusesHalfAnRsaKeyPair() {
    assertThatThrownBy(() -> AccessTokenKeys.from(jwt(null, null, publicPem(rsaKeyPair()), false)))
        .hasMessageContaining("needs both");
  }

  @Test
  void signsAndVerifiesWithRsaKeysFromPem() {
    KeyPair pair = rsaKeyPair();
    AccessTokenKeys keys =
        AccessTokenKeys.from(jwt(null, privatePem(pair), publicPem(pair), false));

    assertThat(keys.algorithm().getName()).isEqualTo("RS256");
    assertThat(keys.decoder().decode(sign(keys)).getSubject()).isEqualTo("someone");
  }

  @Test
  void refusesAnHs256TokenKeyedWithTheRsaPublicKey() throws Exception {
    KeyPair pair = rsaKeyPair();
    Resource publicPem = publicPem(pair);
    AccessTokenKeys keys = AccessTokenKeys.from(jwt(null, privatePem(pair), publicPem, false));
    SignedJWT swapped =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .issuer("airlock-request-side")
                .audience("airlock-request-side")
                .subject("someone")
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .build());
    swapped.sign(new MACSigner(publicPem.getContentAsByteArray()));

    assertThatThrownBy(() -> keys.decoder().decode(swapped.serialize()))
        .isInstanceOf(JwtException.class);
  }

  @Test
  void refusesAnRs256TokenWhenConfiguredForHs256() {
    KeyPair pair = rsaKeyPair();
    AccessTokenKeys rsa = AccessTokenKeys.from(jwt(null, privatePem(pair), publicPem(pair), false));
    AccessTokenKeys hmac = AccessTokenKeys.from(jwt(SECRET, null, null, false));

    assertThatThrownBy(() -> hmac.decoder().decode(sign(rsa))).isInstanceOf(JwtException.class);
  }

  @Test
  void refusesATokenWithoutExpiry() {
    AccessTokenKeys keys = AccessTokenKeys.from(jwt(SECRET, null, null, false));
    String token =
        keys.encoder()
            .encode(
                JwtEncoderParameters.from(
                    JwsHeader.with(keys.algorithm()).build(),
                    JwtClaimsSet.builder()
                        .issuer("airlock-request-side")
                        .audience(List.of("airlock-request-side"))
                        .subject("someone")
                        .build()))
            .getTokenValue();

    assertThatThrownBy(() -> keys.decoder().decode(token)).isInstanceOf(JwtException.class);
  }

  private static String sign(AccessTokenKeys keys) {
    Instant now = Instant.now();
    return keys.encoder()
        .encode(
            JwtEncoderParameters.from(
                JwsHeader.with(keys.algorithm()).build(),
                JwtClaimsSet.builder()
                    .issuer("airlock-request-side")
                    .audience(List.of("airlock-request-side"))
                    .subject("someone")
                    .issuedAt(now)
                    .expiresAt(now.plusSeconds(60))
                    .build()))
        .getTokenValue();
  }

  private static AuthProperties.Jwt jwt(
      String secret, Resource privateKey, Resource publicKey, boolean allowGeneratedKey) {
    return new AuthProperties.Jwt(
        secret,
        privateKey,
        publicKey,
        "airlock-request-side",
        "airlock-request-side",
        Duration.ofHours(1),
        Duration.ofSeconds(30),
        allowGeneratedKey);
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Resource privatePem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  private static Resource publicPem(KeyPair pair) {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  private static Resource pem(String type, byte[] der) {
    String pem =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n";
    return new ByteArrayResource(pem.getBytes(StandardCharsets.UTF_8));
  }
}
