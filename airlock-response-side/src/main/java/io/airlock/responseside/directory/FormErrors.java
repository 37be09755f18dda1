package io.airlock.responseside.directory;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A console form's errors, by field: the constraints of the API's body it fills, each named as the
 * API names it (snake case), so a page refuses what the API refuses, with the same words.
 */
@Component
class FormErrors {

  private final Validator validator;

  FormErrors(Validator validator) {
    this.validator = validator;
  }

  /** The body's constraint violations, the first of each field. */
  Map<String, String> of(Object body) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConstraintViolation<Object> violation : validator.validate(body)) {
      errors.putIfAbsent(snake(violation.getPropertyPath().toString()), violation.getMessage());
    }
    return errors;
  }

  /** A whole number from a form's field; null when empty, or when not one (saying so). */
  static Long number(String field, String text, Map<String, String> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      errors.put(field, "must be a whole number");
      return null;
    }
  }

  /** The text stripped; null when empty. */
  static String given(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static String snake(String path) {
    return path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
