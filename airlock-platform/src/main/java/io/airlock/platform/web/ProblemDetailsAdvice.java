package io.airlock.platform.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error raised in a controller with RFC 9457 problem details carrying the request id.
 * Spring MVC's own exceptions (404, 405, 400 ...) keep their status; a body that fails validation
 * is a 400 whose {@code errors} name each field as the client spelled it (the APIs are snake case);
 * anything unexpected is a 500 that says nothing about its cause, which goes to the log instead.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  static final String UNEXPECTED =
      "An unexpected error occurred. Quote the request id when reporting it.";

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                error ->
                    fieldError(
                        snakeCase(error.getField()), String.valueOf(error.getDefaultMessage())))
            .sorted(Comparator.comparing((Map<String, String> error) -> error.get("field")))
            .toList();
    return invalid(errors, request);
  }

  @ExceptionHandler(InvalidField.class)
  ResponseEntity<Object> handleInvalidField(InvalidField ex, WebRequest request) {
    return invalid(List.of(fieldError(ex.field(), ex.getMessage())), request);
  }

  private ResponseEntity<Object> invalid(List<Map<String, String>> errors, WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            errors.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; ", "Invalid request: ", ".")));
    body.setTitle("Invalid request");
    body.setProperty("errors", errors);
    return createResponseEntity(body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  private static Map<String, String> fieldError(String field, String message) {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("message", message);
    return error;
  }

  private static String snakeCase(String javaName) {
    return javaName.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
    if (ex.getClass().getName().startsWith("org.springframework.security.")) {
      // Spring Security turns these into 401/403 itself, but only if they reach its filter.
      throw ex;
    }
    if (ex instanceof ErrorResponse errorResponse) {
      ProblemDetail body = errorResponse.updateAndGetBody(getMessageSource(), request.getLocale());
      return createResponseEntity(
          body, errorResponse.getHeaders(), errorResponse.getStatusCode(), request);
    }
    ResponseStatus declared =
        AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
    if (declared != null) {
      ProblemDetail body = ProblemDetail.forStatus(declared.code());
      if (!declared.reason().isEmpty()) {
        body.setDetail(declared.reason());
      }
      return createResponseEntity(body, new HttpHeaders(), declared.code(), request);
    }
    log.error("Unexpected error", ex);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED);
    return createResponseEntity(body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && request.getAttribute(RequestId.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
            instanceof String id) {
      RequestId.addTo(problem, id);
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }
}
