package io.airlock.platform.testapp;

import io.airlock.platform.web.RequestId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in the ways the platform's error handling must cover. */
@RestController
class FailingEndpoints {

  static final String SECRET = "jdbc:postgresql://internal-host:5432/secret";

  @GetMapping("/test/request-id")
  String requestId() {
    return RequestId.current().orElse("none");
  }

  @GetMapping("/test/unexpected")
  String unexpected() {
    throw new IllegalStateException("Connection to " + SECRET + " refused");
  }

  @GetMapping("/test/declared")
  String declared() {
    throw new AlreadyThere();
  }

  @ResponseStatus(code = HttpStatus.CONFLICT, reason = "Already there")
  static class AlreadyThere extends RuntimeException {}
}
