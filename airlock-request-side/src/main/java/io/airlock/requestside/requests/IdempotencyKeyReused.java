package io.airlock.requestside.requests;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An {@code Idempotency-Key} sent again with another body within its 24 hours: 422. */
class IdempotencyKeyReused extends ErrorResponseException {

  IdempotencyKeyReused() {
    super(HttpStatus.UNPROCESSABLE_CONTENT, problem(), null);
  }

  private static ProblemDetail problem() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "This Idempotency-Key was sent with a different request in the last 24 hours;"
                + " send a new key with a new request.");
    problem.setTitle("Idempotency key reused");
    return problem;
  }
}
