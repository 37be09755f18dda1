package io.airlock.requestside.users;

import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.signals.SignalledCache;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the directory grants a user: their profile type's bounds on requests, and their quotas (the
 * user's own overrides where set, else the profile type's). Empty for an unknown user or one whose
 * profile type has not arrived.
 */
@Repository
public class Entitlements {

  /** A profile type's bounds on a request. */
  public record Profile(
      String name, int maxPriority, List<String> allowedIndices, int maxResultSize) {

    public Profile {
      allowedIndices = List.copyOf(allowedIndices);
    }
  }

  /**
   * Requests a user may submit per minute, hour and day.
   *
   * @param version grows whenever the user's or their profile type's limits change here, in the
   *     order the changes are applied (whatever their directory versions), so that stored counts
   *     take new limits
   */
  public record Quota(int perMinute, int perHour, int perDay, long version) {}

  /** Both, as one read and one cache entry. */
  private record Grants(Profile profile, Quota quota) {}

  private final JdbcClient jdbc;
  private final SignalledCache<UUID, Grants> cached;

  Entitlements(JdbcClient jdbc, DatabaseSignals signals) {
    this.jdbc = jdbc;
    this.cached = DirectoryCaching.cache(signals, DirectoryCaching.TIME_TO_LIVE);
  }

  public Optional<Profile> profileOf(UUID userId) {
    return grantsOf(userId).map(Grants::profile);
  }

  public Optional<Quota> quotaOf(UUID userId) {
    return grantsOf(userId).map(Grants::quota);
  }

  private Optional<Grants> grantsOf(UUID userId) {
    return cached.get(userId, this::read);
  }

  private Optional<Grants> read(UUID userId) {
    return jdbc.sql(
            """
            select p.name, p.max_priority, p.allowed_indices, p.max_result_size,
                   coalesce(u.per_minute, p.per_minute) as per_minute,
                   coalesce(u.per_hour, p.per_hour) as per_hour,
                   coalesce(u.per_day, p.per_day) as per_day,
                   greatest(u.limits_changed, p.limits_changed) as version
            from users u join profile_types p on p.name = u.profile_type
            where u.id = :userId
            """)
        .param("userId", userId)
        .query(
            (rs, row) ->
                new Grants(
                    new Profile(
                        rs.getString("name"),
                        rs.getInt("max_priority"),
                        strings(rs.getArray("allowed_indices")),
                        rs.getInt("max_result_size")),
                    new Quota(
                        rs.getInt("per_minute"),
                        rs.getInt("per_hour"),
                        rs.getInt("per_day"),
                        rs.getLong("version"))))
        .optional();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
