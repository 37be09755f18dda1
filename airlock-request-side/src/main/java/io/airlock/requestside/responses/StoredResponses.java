package io.airlock.requestside.responses;

import io.airlock.requestside.requests.RequestNotFound;
import io.airlock.requestside.requests.Responses;
import io.airlock.requestside.users.Caller;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * A caller's response to one of their requests, or why there is none: not yet, never (the request
 * failed, expired or was cancelled), or no such request of theirs. For the API and the console.
 */
@Component
class StoredResponses {

  static class ResponseNotYet extends ErrorResponseException {
    ResponseNotYet(UUID id, String status) {
      super(HttpStatus.NOT_FOUND, problem(id, status), null);
    }

    // A failed, expired or cancelled request never gets a response: say so rather than "yet".
    private static ProblemDetail problem(UUID id, String status) {
      boolean waiting = status.equals("pending") || status.equals("exported");
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND,
              waiting
                  ? "Request "
                      + id
                      + " has no response yet; /requests/"
                      + id
                      + "/status says how far it got."
                  : "Request "
                      + id
                      + " is "
                      + status
                      + " and has no response; /requests/"
                      + id
                      + "/status says why.");
      problem.setTitle(waiting ? "No response yet" : "No response");
      problem.setProperty("status_of_request", status);
      return problem;
    }
  }

  private final Responses responses;

  StoredResponses(Responses responses) {
    this.responses = responses;
  }

  /** The response, or the refusal that says why there is none. */
  Responses.Stored of(Caller caller, UUID id) {
    return responses.load(caller.id(), id).orElseThrow(() -> refusal(caller, id));
  }

  /** Why the caller's request {@code id} has no response. */
  RuntimeException refusal(Caller caller, UUID id) {
    return responses
        .requestStatus(caller.id(), id)
        .<RuntimeException>map(status -> new ResponseNotYet(id, status))
        .orElseGet(() -> new RequestNotFound(id));
  }
}
