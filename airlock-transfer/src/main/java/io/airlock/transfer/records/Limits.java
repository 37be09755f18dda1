package io.airlock.transfer.records;

/**
 * Submission limits per clock-aligned window. In a profile type every field is set; in a user's
 * overrides a {@code null} field falls back to the profile.
 */
public record Limits(Long perMinute, Long perHour, Long perDay) {

  /** No overrides. */
  public static final Limits NONE = new Limits(null, null, null);

  /** Whether every window has a value. */
  public boolean complete() {
    return perMinute != null && perHour != null && perDay != null;
  }
}
