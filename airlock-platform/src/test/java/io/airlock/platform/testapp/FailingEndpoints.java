package io.airlock.platform.testapp;

import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.platform.web.InvalidField;
import io.airlock.platform.web.RequestId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Endpoints that fail in the ways the platform's error handling must cover. */
@RestController
class FailingEndpoints {

  static final String SECRET = "jdbc:postgresql://internal-host:5432/secret";

  @GetMapping("/test/request-id")
  String requestId() {
    return RequestId.current().orElse("none");
  }

  /** The side's label in the log lines of this request. */
  @GetMapping("/test/log-label")
  String logLabel() {
    return String.valueOf(MDC.get(ApplicationInLogs.MDC_KEY));
  }

  @GetMapping("/test/unexpected")
  String unexpected() {
    throw new IllegalStateException("Connection to " + SECRET + " refused");
  }

  @GetMapping("/test/declared")
  String declared() {
    throw new AlreadyThere();
  }

  @PostMapping("/test/validated")
  String validated(@Valid @RequestBody Signup signup) {
    if (signup.displayName().equals("root")) {
      throw new InvalidField("display_name", "is reserved");
    }
    return "ok";
  }

  @GetMapping("/test/local-problem")
  String localProblem() {
    throw new Gone();
  }

  @ExceptionHandler
  ProblemDetail gone(Gone ex) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "handled by the feature itself");
  }

  /** Bound from snake case, as every Airlock API is. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Signup(@NotBlank String displayName, @Email String emailAddress) {}

  static class Gone extends RuntimeException {}

  @ResponseStatus(code = HttpStatus.CONFLICT, reason = "Already there")
  static class AlreadyThere extends RuntimeException {}
}
