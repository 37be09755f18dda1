package io.airlock.platform.testapp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Fails before any controller is reached, as a broken filter or a security check would. */
@Component
class FailingFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    switch (request.getRequestURI()) {
      case "/test/filter-throws" ->
          throw new IllegalStateException("Filter broke near " + FailingEndpoints.SECRET);
      case "/test/filter-rejects" -> response.sendError(HttpServletResponse.SC_FORBIDDEN, "nope");
      default -> chain.doFilter(request, response);
    }
  }
}
