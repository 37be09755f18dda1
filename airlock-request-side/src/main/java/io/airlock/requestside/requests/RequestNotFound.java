package io.airlock.requestside.requests;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The caller has no request with this id; another user's request is answered the same way. */
public class RequestNotFound extends ErrorResponseException {

  public RequestNotFound(UUID id) {
    super(
        HttpStatus.NOT_FOUND,
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No request " + id + "."),
        null);
  }
}
