package io.airlock.requestside.apikeys;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No key of that id, or not one of the user's: the same answer, so no key's existence leaks. */
public class ApiKeyNotFound extends ErrorResponseException {

  public ApiKeyNotFound(UUID id) {
    super(
        HttpStatus.NOT_FOUND,
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No API key " + id + "."),
        null);
  }
}
