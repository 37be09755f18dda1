package io.airlock.platform.metrics;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The scraper's credential (see {@link MetricsProperties}), checked on the metrics paths only: it
 * opens nothing else. A match authenticates as {@link #USERNAME} with the role {@link #ROLE};
 * anything else is left to the side's own authentication (an admin may scrape too).
 */
public final class ScrapeCredentials {

  /** The role a matching credential gives; each side's security allows it on the metrics paths. */
  public static final String ROLE = "METRICS";

  /** The principal's name when the bearer token matched. */
  public static final String USERNAME = "metrics-scraper";

  /** The path the credential opens (also reached as {@code /metrics}, forwarded to it). */
  public static final String PATH = "/actuator/prometheus";

  private final byte[] bearer;
  private final byte[] basic;
  private final String basicUsername;

  public ScrapeCredentials(MetricsProperties.Scrape scrape) {
    this.bearer = present(scrape.token()) ? bytes("Bearer " + scrape.token()) : null;
    this.basicUsername = present(scrape.username()) ? scrape.username() : null;
    this.basic =
        basicUsername == null
            ? null
            : bytes(
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(bytes(basicUsername + ":" + scrape.password())));
  }

  /** The scraper, if the request carries its credential. */
  public Optional<Authentication> authenticate(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return Optional.empty();
    }
    byte[] given = bytes(header.strip());
    String name = null;
    // Constant-time comparisons: the credential is not guessable a byte at a time.
    if (bearer != null && MessageDigest.isEqual(bearer, given)) {
      name = USERNAME;
    } else if (basic != null && MessageDigest.isEqual(basic, given)) {
      name = basicUsername;
    }
    return Optional.ofNullable(name)
        .map(
            principal ->
                UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
