package io.airlock.requestside.requests;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The caller's profile type has not arrived from the directory, so nothing can be checked against
 * its limits: refuse rather than guess.
 */
class ProfileTypeMissing extends ErrorResponseException {

  ProfileTypeMissing(String username) {
    super(
        HttpStatus.UNPROCESSABLE_CONTENT,
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "The profile type of "
                + username
                + " is not known on this side yet (it arrives with the directory), so requests"
                + " cannot be checked against its limits. Try again later or ask an"
                + " administrator."),
        null);
    getBody().setTitle("Profile type unknown");
  }
}
