package io.airlock.responseside;

/**
 * A request field that bean validation cannot judge on its own is invalid; answered like a failed
 * constraint, as a 400 naming the field.
 */
public class InvalidField extends RuntimeException {

  private final String field;

  public InvalidField(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The field's name as the client sent it. */
  public String field() {
    return field;
  }
}
