package io.airlock.responseside.directory;

/** What became of an {@link AccountChange}. */
public sealed interface AccountChangeOutcome {

  /** Written, under the user's new directory version, with the change id to echo. */
  record Applied(long version) implements AccountChangeOutcome {}

  /** The change id was applied before: nothing written again. */
  record AlreadyApplied() implements AccountChangeOutcome {}

  /**
   * Not written.
   *
   * @param code a stable snake_case reason: {@code user_unknown}, {@code high_side_only}, {@code
   *     invalid_value}
   * @param detail what was wrong, naming the field
   */
  record Refused(String code, String detail) implements AccountChangeOutcome {}
}
