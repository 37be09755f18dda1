package io.airlock.requestside.requests;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A retry that came while the first call with its {@code Idempotency-Key} is under way: 409. */
class IdempotencyKeyInUse extends ErrorResponseException {

  IdempotencyKeyInUse() {
    super(HttpStatus.CONFLICT, problem(), null);
  }

  private static ProblemDetail problem() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "A request with this Idempotency-Key is still being taken in; retry once it has been"
                + " answered.");
    problem.setTitle("Idempotency key in use");
    return problem;
  }
}
