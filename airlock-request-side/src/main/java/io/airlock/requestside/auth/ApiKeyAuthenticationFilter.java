package io.airlock.requestside.auth;

import io.airlock.requestside.apikeys.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request carrying {@code X-API-Key}. A key that is unknown, revoked or whose user
 * is inactive ends the request with 401 rather than letting it through anonymously.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";

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
}
