package io.airlock.requestside.auth;

import io.airlock.platform.web.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem details, written by Spring Security before any controller runs. A
 * path no controller or endpoint serves is answered 404 even without credentials: the API is public
 * in {@code /docs} anyway, and a 401 would only send a client looking for the wrong fault.
 */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final JsonMapper json;
  private final ObjectProvider<List<HandlerMapping>> handlerMappings;

  ProblemAnswers(JsonMapper json, ObjectProvider<List<HandlerMapping>> handlerMappings) {
    this.json = json;
    this.handlerMappings = handlerMappings;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    if (!served(request)) {
      write(request, response, HttpStatus.NOT_FOUND, null);
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "Authentication required: a valid bearer access token or X-API-Key.");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
      throws IOException {
    write(request, response, HttpStatus.FORBIDDEN, "Not allowed for this account.");
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

  private void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    if (detail != null) {
      problem.put("detail", detail);
    }
    problem.put("instance", request.getRequestURI());
    RequestId.current().ifPresent(id -> problem.put(RequestId.MDC_KEY, id));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
