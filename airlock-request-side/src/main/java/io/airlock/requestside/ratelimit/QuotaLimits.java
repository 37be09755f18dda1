package io.airlock.requestside.ratelimit;

import io.airlock.requestside.users.Entitlements;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A user's quotas, from the directory: the user's own overrides where set, else their profile
 * type's. {@code version} grows whenever either changes here (in the order the changes are applied,
 * whatever their directory versions), so stored counts take new limits.
 */
record QuotaLimits(Map<QuotaWindow, Integer> perWindow, long version) {

  QuotaLimits {
    perWindow = Map.copyOf(perWindow);
  }

  int of(QuotaWindow window) {
    return perWindow.get(window);
  }

  /** Reads users' limits from what the directory grants them. */
  @Component
  static class Directory {

    private final Entitlements entitlements;

    Directory(Entitlements entitlements) {
      this.entitlements = entitlements;
    }

    /** The user's limits; empty for an unknown user or one whose profile type has not arrived. */
    Optional<QuotaLimits> of(UUID userId) {
      return entitlements
          .quotaOf(userId)
          .map(
              quota -> {
                Map<QuotaWindow, Integer> limits = new EnumMap<>(QuotaWindow.class);
                limits.put(QuotaWindow.MINUTE, quota.perMinute());
                limits.put(QuotaWindow.HOUR, quota.perHour());
                limits.put(QuotaWindow.DAY, quota.perDay());
                return new QuotaLimits(limits, quota.version());
              });
    }
  }
}
