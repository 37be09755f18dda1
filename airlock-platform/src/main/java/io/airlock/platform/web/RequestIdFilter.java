package io.airlock.platform.web;

import io.airlock.platform.node.ApplicationInLogs;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-ID} if it is safe to log and to carry in
 * a batch, otherwise a new one. Either way it is returned in the response.
 */
class RequestIdFilter extends OncePerRequestFilter {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String application;

  /**
   * @param application the side's name, which labels what its requests log (see {@link
   *     ApplicationInLogs}); null for none
   */
  RequestIdFilter(String application) {
    this.application = application;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = requestId(request);
    request.setAttribute(RequestId.ATTRIBUTE, id);
    response.setHeader(RequestId.HEADER, id);
    MDC.put(RequestId.MDC_KEY, id);
    if (application != null) {
      MDC.put(ApplicationInLogs.MDC_KEY, application);
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(RequestId.MDC_KEY);
      MDC.remove(ApplicationInLogs.MDC_KEY);
    }
  }

  // The error dispatch that renders a failed request's problem must log and answer with its id.
  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterNestedErrorDispatch(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    doFilterInternal(request, response, chain);
  }

  private static String requestId(HttpServletRequest request) {
    if (request.getAttribute(RequestId.ATTRIBUTE) instanceof String known) {
      return known;
    }
    String given = request.getHeader(RequestId.HEADER);
    return given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }
}
