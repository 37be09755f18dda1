package io.airlock.responseside.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request carrying {@code X-API-Key}. A key that is unknown, revoked or belongs to
 * a deactivated user is answered with 401 at once rather than treated as anonymous, so a caller
 * learns that its key is bad instead of seeing a misleading 403 or an open endpoint's answer.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";

  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();
  private final Accounts accounts;
  private final SecurityProblems problems;

  ApiKeyAuthenticationFilter(Accounts accounts, SecurityProblems problems) {
    this.accounts = accounts;
    this.problems = problems;
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
    Optional<UserDetails> user =
        accounts
            .byApiKey(ApiKeys.sha256(key))
            .map(Account::userDetails)
            .filter(UserDetails::isEnabled);
    if (user.isEmpty()) {
      contexts.clearContext();
      problems.commence(request, response, new BadCredentialsException("Invalid API key"));
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user.get().getUsername(), null, user.get().getAuthorities()));
    contexts.setContext(context);
    chain.doFilter(request, response);
  }
}
