package io.airlock.platform.web;

/**
 * A request field that bean validation cannot judge on its own is invalid. Answered like a failed
 * constraint: a 400 problem whose {@code errors} name the field (a console page: a 400 page saying
 * what is wrong).
 */
public class InvalidField extends RuntimeException {

  private final String field;

  /**
   * @param field the field's name as the client sent it (snake case)
   * @param message what is wrong with it, e.g. "must be at most 72 bytes"
   */
  public InvalidField(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The field and what is wrong with it, as a person reads it: "outcome must be one of …". */
  @Override
  public String getLocalizedMessage() {
    return field + " " + getMessage();
  }
}
