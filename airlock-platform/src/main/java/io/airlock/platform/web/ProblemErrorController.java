package io.airlock.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Problem details for errors that never reach a controller (a filter throwing, {@code sendError}
 * from a filter, a request Tomcat rejects), which the servlet container forwards to {@code /error}.
 * Replaces Boot's error controller, whose JSON is not RFC 9457.
 */
@Hidden // plumbing, not part of either side's API
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status = status(request);
    // Neither the exception nor the container's message is shown: either may reveal internals.
    ProblemDetail problem = ProblemDetail.forStatus(status);
    if (status.is5xxServerError()) {
      problem.setDetail(ProblemDetailsAdvice.UNEXPECTED);
    }
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      problem.setInstance(URI.create(uri));
    }
    if (request.getAttribute(RequestId.ATTRIBUTE) instanceof String id) {
      RequestId.addTo(problem, id);
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static HttpStatus status(HttpServletRequest request) {
    if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
      HttpStatus status = HttpStatus.resolve(code);
      if (status != null && status.isError()) {
        return status;
      }
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
