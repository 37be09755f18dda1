package io.airlock.requestside.ratelimit;

import java.time.Instant;
import java.util.List;

/** What a user's quotas say to one more request. */
public sealed interface QuotaDecision {

  /** How one window stands after the decision. */
  record Window(QuotaWindow window, int limit, long remaining, Instant resetsAt) {

    /** How much of the window's quota is used, from 0 to 1. */
    double used() {
      return limit == 0 ? 1 : (limit - remaining) / (double) limit;
    }
  }

  /**
   * The request may go ahead.
   *
   * @param windows every window, tightest (least remaining) first
   * @param nearlyUsed the windows at or past the warning share (80%)
   * @param grace set when the request went ahead only on the grace past a used-up window
   */
  record Allowed(List<Window> windows, List<Window> nearlyUsed, Grace grace)
      implements QuotaDecision {}

  /**
   * The user is past 100% of a window, in its grace period.
   *
   * @param until when the grace ends, if the window has not reset before
   * @param remaining how many more requests the grace allows in this window
   */
  record Grace(QuotaWindow window, Instant until, long remaining) {}

  /**
   * The request is refused until the window resets.
   *
   * @param graceOver the grace was used: ran out of time or past 110%
   */
  record Refused(Window window, boolean graceOver) implements QuotaDecision {}
}
