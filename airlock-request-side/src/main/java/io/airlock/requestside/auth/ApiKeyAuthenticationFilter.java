package io.airlock.requestside.auth;

import io.airlock.requestside.apikeys.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request carrying {@code X-API-Key}, or {@code Authorization: ApiKey <encoded>} as
 * Elasticsearch clients send a key ({@code encoded}: Base64 of {@code <key id>:<key>}, the form
 * {@code POST /api-keys} also answers). A key that is unknown, revoked or whose user is inactive
 * ends the request with 401 rather than letting it through anonymously.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";
  private static final String SCHEME = "ApiKey ";

  private final ApiKeys apiKeys;
  private final AuthenticationEntryPoint entryPoint;
  private final Clock clock;

  ApiKeyAuthenticationFilter(ApiKeys apiKeys, AuthenticationEntryPoint entryPoint, Clock clock) {
    this.apiKeys = apiKeys;
    this.entryPoint = entryPoint;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null) {
      key = fromAuthorization(request.getHeader(HttpHeaders.AUTHORIZATION));
    }
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    var usable = apiKeys.use(key, clock.instant());
    if (usable.isEmpty()) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(request, response, new BadCredentialsException("Unusable API key"));
      return;
    }
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        CallerAuthentication.byApiKey(usable.get().caller(), usable.get().scopes()));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }

  /** The key of {@code ApiKey <Base64 of id:key>}, or of {@code ApiKey <key>} itself. */
  private static String fromAuthorization(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    String credential = authorization.substring(SCHEME.length()).strip();
    try {
      String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? credential : decoded.substring(colon + 1);
    } catch (IllegalArgumentException notBase64) {
      return credential;
    }
  }
}
