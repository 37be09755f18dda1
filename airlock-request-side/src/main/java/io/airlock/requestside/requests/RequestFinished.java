package io.airlock.requestside.requests;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request that has already ended cannot be cancelled. */
class RequestFinished extends ErrorResponseException {

  RequestFinished(UUID id, RequestStatus status) {
    super(HttpStatus.CONFLICT, problem(id, status), null);
  }

  private static ProblemDetail problem(UUID id, RequestStatus status) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "Request " + id + " is already " + status.wireName() + " and cannot be cancelled.");
    problem.setTitle("Request already finished");
    problem.setProperty("status_of_request", status.wireName());
    return problem;
  }
}
