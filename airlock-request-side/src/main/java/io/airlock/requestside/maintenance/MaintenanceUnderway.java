package io.airlock.requestside.maintenance;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A submission refused during maintenance: 503 with the administrators' message, and {@code
 * Retry-After}.
 */
public class MaintenanceUnderway extends ErrorResponseException {

  /**
   * When to try again. Maintenance has no announced end, so this is a guess: long enough that
   * clients retrying on their own do not hammer a side that refuses them anyway, short enough that
   * they resume soon after it ends.
   */
  static final Duration RETRY_AFTER = Duration.ofMinutes(5);

  MaintenanceUnderway(String message) {
    super(HttpStatus.SERVICE_UNAVAILABLE, problem(message), null);
    getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
  }

  private static ProblemDetail problem(String message) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, message);
    problem.setTitle("Under maintenance");
    return problem;
  }
}
