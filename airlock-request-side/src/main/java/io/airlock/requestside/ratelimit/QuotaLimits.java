package io.airlock.requestside.ratelimit;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's quotas, from the directory: the user's own overrides where set, else their profile
 * type's. {@code version} grows whenever either changes here (in the order the changes are applied,
 * whatever their directory versions), so stored buckets take new limits.
 */
record QuotaLimits(Map<QuotaWindow, Integer> perWindow, long version) {

  QuotaLimits {
    perWindow = Map.copyOf(perWindow);
  }

  int of(QuotaWindow window) {
    return perWindow.get(window);
  }

  /** Reads users' limits. */
  @Component
  static class Directory {

    private final JdbcClient jdbc;

    Directory(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    /** The user's limits; empty for an unknown user or one whose profile type has not arrived. */
    Optional<QuotaLimits> of(UUID userId) {
      return jdbc.sql(
              """
              select coalesce(u.per_minute, p.per_minute) as per_minute,
                     coalesce(u.per_hour, p.per_hour) as per_hour,
                     coalesce(u.per_day, p.per_day) as per_day,
                     greatest(u.limits_changed, p.limits_changed) as version
              from users u join profile_types p on p.name = u.profile_type
              where u.id = :id""")
          .param("id", userId)
          .query(
              (row, n) -> {
                Map<QuotaWindow, Integer> limits = new EnumMap<>(QuotaWindow.class);
                limits.put(QuotaWindow.MINUTE, row.getInt("per_minute"));
                limits.put(QuotaWindow.HOUR, row.getInt("per_hour"));
                limits.put(QuotaWindow.DAY, row.getInt("per_day"));
                return new QuotaLimits(limits, row.getLong("version"));
              })
          .optional();
    }
  }
}
