package io.airlock.responseside.security;

import io.airlock.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 as RFC 9457 problem details. Written here because Spring Security answers in its
 * filters, before any controller advice could. The detail never says which of username and password
 * was wrong.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String REALM = "airlock";

  private final ProblemWriter problems;

  SecurityProblems(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
    problems.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "Authenticate as an admin with HTTP Basic or an X-API-Key header.");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    problems.write(request, response, HttpStatus.FORBIDDEN, "This needs the role admin.");
  }
}
