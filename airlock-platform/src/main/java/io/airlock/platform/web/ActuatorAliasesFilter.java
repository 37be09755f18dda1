package io.airlock.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The paths load balancers, Kubernetes probes and scrapers look at first, forwarded to the
 * actuator's endpoints before security sees them: each side's security then judges the actuator's
 * path, so an alias can never be more open than its endpoint.
 */
final class ActuatorAliasesFilter extends OncePerRequestFilter {

  static final Map<String, String> ALIASES =
      Map.of(
          "/health", "/actuator/health/status",
          "/health/live", "/actuator/health/liveness",
          "/health/ready", "/actuator/health/readiness",
          "/health/detailed", "/actuator/health/detailed",
          "/metrics", "/actuator/prometheus");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !ALIASES.containsKey(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    request.getRequestDispatcher(ALIASES.get(request.getRequestURI())).forward(request, response);
  }
}
