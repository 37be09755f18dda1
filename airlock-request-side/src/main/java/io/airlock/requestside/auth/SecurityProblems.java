package io.airlock.requestside.auth;

import io.airlock.platform.web.ProblemWriter;
import io.airlock.requestside.ratelimit.ApiLimitFilter;
import io.airlock.requestside.ratelimit.MinuteLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * 401 and 403 as RFC 9457 problem details, written by Spring Security before any controller runs. A
 * path no controller or endpoint serves is answered 404 even without credentials: the API is public
 * in {@code /docs} anyway, and a 401 would only send a client looking for the wrong fault. A
 * refused token or API key counts against the anonymous limit of the caller's address, so that
 * guessing credentials is limited like calling without any.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ProblemWriter problems;
  private final ObjectProvider<List<HandlerMapping>> handlerMappings;
  private final ApiLimitFilter limits;
  private final Clock clock;

  SecurityProblems(
      ProblemWriter problems,
      ObjectProvider<List<HandlerMapping>> handlerMappings,
      ApiLimitFilter limits,
      Clock clock) {
    this.problems = problems;
    this.handlerMappings = handlerMappings;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    // A call without credentials was counted already, as an anonymous one, on its way here; one
    // with refused credentials counts the same, whatever path it asks for, so guessing keys is
    // limited everywhere and the headers say nothing about whether a key was valid.
    boolean credentialsRefused =
        request.getHeader(HttpHeaders.AUTHORIZATION) != null
            || request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null;
    Optional<MinuteLimits.Taken> taken =
        credentialsRefused ? limits.takeRefusedCredentials(request) : Optional.empty();
    taken.ifPresent(counted -> counted.addTo(response, clock));
    if (taken.filter(counted -> !counted.allowed()).isPresent()) {
      problems.write(
          request,
          response,
          HttpStatus.TOO_MANY_REQUESTS,
          "Too many calls without valid credentials from this address; try again later.");
      return;
    }
    if (!served(request)) {
      problems.write(request, response, HttpStatus.NOT_FOUND, null);
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    problems.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "Authentication required: a valid bearer access token or X-API-Key.");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
      throws IOException {
    problems.write(request, response, HttpStatus.FORBIDDEN, "Not allowed for this account.");
  }

  private boolean served(HttpServletRequest request) {
    // Only mappings to controllers and actuator endpoints count: the static resource handler
    // matches every path.
    boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
    if (!parsed) {
      ServletRequestPathUtils.parseAndCache(request);
    }
    try {
      for (HandlerMapping mapping : handlerMappings.getIfAvailable(List::of)) {
        if (mapping instanceof RequestMappingInfoHandlerMapping
            && mapping.getHandler(request) != null) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      // e.g. a served path with the wrong method: it exists, so the caller must authenticate.
      return true;
    } finally {
      if (!parsed) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
  }
}
