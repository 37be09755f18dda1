package io.airlock.platform.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the scraper on the metrics path (see {@link ScrapeCredentials}); placed by each
 * side's security chain before its own authentication, which then leaves an authenticated caller
 * alone.
 */
public final class ScrapeCredentialFilter extends OncePerRequestFilter {

  private final ScrapeCredentials credentials;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  public ScrapeCredentialFilter(ScrapeCredentials credentials) {
    this.credentials = credentials;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !ScrapeCredentials.PATH.equals(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    credentials
        .authenticate(request)
        .ifPresent(
            scraper -> {
              SecurityContext context = contexts.createEmptyContext();
              context.setAuthentication(scraper);
              contexts.setContext(context);
            });
    chain.doFilter(request, response);
  }
}
