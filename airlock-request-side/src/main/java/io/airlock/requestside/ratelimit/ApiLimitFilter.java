package io.airlock.requestside.ratelimit;

import io.airlock.platform.web.ProblemWriter;
import io.airlock.requestside.users.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API-wide limits by tier, after authentication and before authorisation: anonymous calls per
 * client address, a user's calls per user, an admin's calls to {@code /admin/**} per admin. Every
 * limited answer carries {@code X-RateLimit-*}; past the limit a 429 with {@code Retry-After}.
 * Health and info are left out: probes and load balancers call them all the time. Each refusal is
 * published as {@link ApiLimitReached}.
 */
@Component
public class ApiLimitFilter extends OncePerRequestFilter {

  private final MinuteLimits limits;
  private final ApiLimitProperties properties;
  private final ProblemWriter problems;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ApiLimitFilter(
      MinuteLimits limits,
      ApiLimitProperties properties,
      ProblemWriter problems,
      ApplicationEventPublisher events,
      Clock clock) {
    // Placed in the security filter chain (after authentication), not as a filter of its own.
    this.limits = limits;
    this.properties = properties;
    this.problems = problems;
    this.events = events;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    // Nor the console's static files: a page brings a few of them each time.
    return path.startsWith("/actuator/")
        || path.startsWith("/console/assets/")
        || path.startsWith("/webjars/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    MinuteLimits.Taken taken = take(request);
    taken.addTo(response, clock);
    if (!taken.allowed()) {
      events.publishEvent(new ApiLimitReached(request.getMethod(), request.getRequestURI()));
      problems.write(
          request,
          response,
          HttpStatus.TOO_MANY_REQUESTS,
          "More than " + taken.limit() + " calls a minute; try again when the minute is over.");
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * Counts a call whose credentials were refused (a bad token or API key) against the anonymous
   * limit of its address, so that guessing credentials is limited like calling without any; empty
   * for the paths the limits leave out ({@code /actuator/**}).
   */
  public Optional<MinuteLimits.Taken> takeRefusedCredentials(HttpServletRequest request) {
    if (shouldNotFilter(request)) {
      return Optional.empty();
    }
    return Optional.of(
        limits.take("api:anonymous:" + request.getRemoteAddr(), properties.anonymous()));
  }

  private MinuteLimits.Taken take(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
      if (request.getRequestURI().startsWith("/admin/") && "admin".equals(caller.role())) {
        return limits.take("api:admin:" + caller.id(), properties.admin());
      }
      return limits.take("api:user:" + caller.id(), properties.authenticated());
    }
    return limits.take("api:anonymous:" + request.getRemoteAddr(), properties.anonymous());
  }
}
