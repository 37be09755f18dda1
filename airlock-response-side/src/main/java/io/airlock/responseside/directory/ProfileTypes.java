package io.airlock.responseside.directory;

import io.airlock.transfer.records.Limits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProfileTypes {

  private static final String COLUMNS =
      """
      name, per_minute, per_hour, per_day, max_priority, allowed_indices, max_result_size,
      version, created_at, updated_at
      """;

  private final JdbcClient jdbc;

  ProfileTypes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<ProfileType> all() {
    return jdbc.sql("select " + COLUMNS + " from profile_types order by name")
        .query(ProfileTypes::profileType)
        .list();
  }

  Optional<ProfileType> byName(String name) {
    return jdbc.sql("select " + COLUMNS + " from profile_types where name = :name")
        .param("name", name)
        .query(ProfileTypes::profileType)
        .optional();
  }

  boolean exists(String name) {
    return jdbc.sql("select exists (select 1 from profile_types where name = :name)")
        .param("name", name)
        .query(Boolean.class)
        .single();
  }

  List<ProfileType> changedSince(long version) {
    return jdbc.sql(
            "select " + COLUMNS + " from profile_types where version > :version order by version")
        .param("version", version)
        .query(ProfileTypes::profileType)
        .list();
  }

  long highestVersion() {
    return jdbc.sql("select coalesce(max(version), 0) from profile_types")
        .query(Long.class)
        .single();
  }

  /** Inserts the profile type; false when one of that name exists already. */
  boolean insert(ProfileType type) {
    return jdbc.sql(
                """
                insert into profile_types (name, per_minute, per_hour, per_day, max_priority,
                                           allowed_indices, max_result_size, version)
                values (:name, :perMinute, :perHour, :perDay, :maxPriority, :allowedIndices,
                        :maxResultSize, :version)
                on conflict (name) do nothing
                """)
            .params(parameters(type))
            .update()
        == 1;
  }

  /** Writes every field; false when there is no such profile type. */
  boolean update(ProfileType type) {
    return jdbc.sql(
                """
                update profile_types
                   set per_minute = :perMinute, per_hour = :perHour, per_day = :perDay,
                       max_priority = :maxPriority, allowed_indices = :allowedIndices,
                       max_result_size = :maxResultSize, version = :version, updated_at = now()
                 where name = :name
                """)
            .params(parameters(type))
            .update()
        == 1;
  }

  private static Map<String, Object> parameters(ProfileType type) {
    return Map.of(
        "name", type.name(),
        "perMinute", type.limits().perMinute(),
        "perHour", type.limits().perHour(),
        "perDay", type.limits().perDay(),
        "maxPriority", type.maxPriority(),
        "allowedIndices", SqlArrays.textArray(type.allowedIndices()),
        "maxResultSize", type.maxResultSize(),
        "version", type.version());
  }

  private static ProfileType profileType(ResultSet rs, int row) throws SQLException {
    return new ProfileType(
        rs.getString("name"),
        new Limits(rs.getLong("per_minute"), rs.getLong("per_hour"), rs.getLong("per_day")),
        rs.getInt("max_priority"),
        SqlArrays.texts(rs, "allowed_indices"),
        rs.getInt("max_result_size"),
        rs.getLong("version"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
