package io.airlock.requestside.auth;

import io.airlock.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
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
 * in {@code /docs} anyway, and a 401 would only send a client looking for the wrong fault.
 */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ProblemWriter problems;
  private final ObjectProvider<List<HandlerMapping>> handlerMappings;

  ProblemAnswers(ProblemWriter problems, ObjectProvider<List<HandlerMapping>> handlerMappings) {
    this.problems = problems;
    this.handlerMappings = handlerMappings;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
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
