package io.airlock.requestside.requests;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A well-formed request the caller's profile does not permit: 422, with {@code errors} naming the
 * field in the same shape as the platform's 400s, so clients read both alike.
 */
class RequestRefused extends ErrorResponseException {

  RequestRefused(String field, String message) {
    super(HttpStatus.UNPROCESSABLE_CONTENT, problem(field, message), null);
  }

  private static ProblemDetail problem(String field, String message) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT, "Not permitted: " + field + " " + message + ".");
    problem.setTitle("Not permitted by your profile");
    problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
    return problem;
  }
}
