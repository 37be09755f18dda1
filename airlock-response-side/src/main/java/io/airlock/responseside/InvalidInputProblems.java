package io.airlock.responseside;

import io.airlock.platform.web.RequestId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A 400 that names every invalid field, as the client spelled it (snake case), which the platform's
 * generic "Invalid request content" does not. Ordered first so it wins over the platform's advice.
 */
@RestControllerAdvice(basePackageClasses = InvalidInputProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidInputProblems {

  @ExceptionHandler
  ProblemDetail invalidBody(MethodArgumentNotValidException ex) {
    return problem(
        ex.getBindingResult().getFieldErrors().stream()
            .map(InvalidInputProblems::fieldError)
            .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
            .toList());
  }

  @ExceptionHandler
  ProblemDetail invalidField(InvalidField ex) {
    return problem(List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
  }

  private static Map<String, String> fieldError(FieldError error) {
    return Map.of(
        "field", snakeCase(error.getField()), "message", String.valueOf(error.getDefaultMessage()));
  }

  // The DTOs are read with @JsonNaming(SnakeCaseStrategy), which lower-cases and underscores
  // every capital the same way.
  private static String snakeCase(String javaName) {
    return javaName.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  private static ProblemDetail problem(List<Map<String, String>> errors) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            errors.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; ", "Invalid request: ", ".")));
    problem.setTitle("Invalid request");
    problem.setProperty("errors", errors);
    RequestId.current().ifPresent(id -> problem.setProperty(RequestId.MDC_KEY, id));
    return problem;
  }
}
