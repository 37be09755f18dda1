package io.airlock.requestside.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The profile types and settings the response side's directory sent, as they stand here: for an
 * administrator to read (they change only on the response side).
 */
@Repository
public class DirectoryListing {

  public record ProfileType(
      String name,
      @JsonProperty("per_minute") int perMinute,
      @JsonProperty("per_hour") int perHour,
      @JsonProperty("per_day") int perDay,
      @JsonProperty("max_priority") int maxPriority,
      @JsonProperty("allowed_indices") List<String> allowedIndices,
      @JsonProperty("max_result_size") int maxResultSize,
      long version) {}

  public record Setting(String key, String value, long version) {}

  private final JdbcClient jdbc;

  DirectoryListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every profile type, by name. */
  public List<ProfileType> profileTypes() {
    return jdbc.sql("select * from profile_types order by name")
        .query(
            (rs, n) ->
                new ProfileType(
                    rs.getString("name"),
                    rs.getInt("per_minute"),
                    rs.getInt("per_hour"),
                    rs.getInt("per_day"),
                    rs.getInt("max_priority"),
                    strings(rs.getArray("allowed_indices")),
                    rs.getInt("max_result_size"),
                    rs.getLong("version")))
        .list();
  }

  /** Every setting, by key. */
  public List<Setting> settings() {
    return jdbc.sql("select key, value, version from settings order by key")
        .query(
            (rs, n) ->
                new Setting(rs.getString("key"), rs.getString("value"), rs.getLong("version")))
        .list();
  }

  /** The value of one setting, if the directory sent it. */
  public Optional<String> setting(String key) {
    return jdbc.sql("select value from settings where key = :key")
        .param("key", key)
        .query(String.class)
        .optional();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
