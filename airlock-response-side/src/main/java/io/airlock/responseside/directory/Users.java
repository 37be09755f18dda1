package io.airlock.responseside.directory;

import io.airlock.transfer.records.Limits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Users {

  private static final String COLUMNS =
      """
      id, username, email, display_name, role, profile_type, active, password_hash, version,
      per_minute, per_hour, per_day, high_side_only, echoed_change_ids, created_at, updated_at
      """;

  private final JdbcClient jdbc;

  Users(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<User> page(long offset, int limit) {
    return jdbc.sql("select " + COLUMNS + " from users order by username offset :offset limit :n")
        .param("offset", offset)
        .param("n", limit)
        .query(Users::user)
        .list();
  }

  long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  Optional<User> byId(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from users where id = :id")
        .param("id", id)
        .query(Users::user)
        .optional();
  }

  Optional<User> byUsername(String username) {
    return jdbc.sql("select " + COLUMNS + " from users where username = :username")
        .param("username", username)
        .query(Users::user)
        .optional();
  }

  /** Exported users changed after {@code version}: high-side-only accounts never leave. */
  List<User> exportedChangedSince(long version) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from users where version > :version and not high_side_only order by version")
        .param("version", version)
        .query(Users::user)
        .list();
  }

  long highestVersion() {
    return jdbc.sql("select coalesce(max(version), 0) from users").query(Long.class).single();
  }

  void insert(User user) {
    jdbc.sql(
            """
            insert into users (id, username, email, display_name, role, profile_type, active,
                               password_hash, version, per_minute, per_hour, per_day,
                               high_side_only)
            values (:id, :username, :email, :displayName, :role, :profileType, :active,
                    :passwordHash, :version, :perMinute, :perHour, :perDay, :highSideOnly)
            """)
        .param("id", user.id())
        .param("username", user.username())
        .param("email", user.email())
        .param("displayName", user.displayName())
        .param("role", user.role())
        .param("profileType", user.profileType())
        .param("active", user.active())
        .param("passwordHash", user.passwordHash())
        .param("version", user.version())
        .param("perMinute", user.limits().perMinute())
        .param("perHour", user.limits().perHour())
        .param("perDay", user.limits().perDay())
        .param("highSideOnly", user.highSideOnly())
        .update();
  }

  /** Writes the fields an admin may change. */
  void update(User user) {
    jdbc.sql(
            """
                update users
                   set email = :email, display_name = :displayName, role = :role,
                       profile_type = :profileType, active = :active,
                       per_minute = :perMinute, per_hour = :perHour, per_day = :perDay,
                       version = :version, updated_at = now()
                 where id = :id
                """)
        .param("id", user.id())
        .param("email", user.email())
        .param("displayName", user.displayName())
        .param("role", user.role())
        .param("profileType", user.profileType())
        .param("active", user.active())
        .param("perMinute", user.limits().perMinute())
        .param("perHour", user.limits().perHour())
        .param("perDay", user.limits().perDay())
        .param("version", user.version())
        .update();
  }

  /**
   * Writes the fields a user may change themselves (null ones stay), the new version, and the
   * change id the next export echoes.
   */
  void applyAccountChange(AccountChange change, long version) {
    jdbc.sql(
            """
            update users
               set display_name = coalesce(cast(:displayName as text), display_name),
                   email = coalesce(cast(:email as text), email),
                   password_hash = coalesce(cast(:passwordHash as text), password_hash),
                   echoed_change_ids = array_append(echoed_change_ids, cast(:changeId as text)),
                   version = :version, updated_at = now()
             where id = :id
            """)
        .param("id", change.userId())
        .param("displayName", change.displayName())
        .param("email", change.email())
        .param("passwordHash", change.passwordHash())
        .param("changeId", change.changeId().toString())
        .param("version", version)
        .update();
  }

  /** Echoes a change that was refused, under a new version, changing nothing else. */
  void echoRefusedChange(AccountChange change, long version) {
    jdbc.sql(
            """
            update users
               set echoed_change_ids = array_append(echoed_change_ids, cast(:changeId as text)),
                   version = :version, updated_at = now()
             where id = :id
            """)
        .param("id", change.userId())
        .param("changeId", change.changeId().toString())
        .param("version", version)
        .update();
  }

  private static User user(ResultSet rs, int row) throws SQLException {
    return new User(
        rs.getObject("id", UUID.class),
        rs.getString("username"),
        rs.getString("email"),
        rs.getString("display_name"),
        rs.getString("role"),
        rs.getString("profile_type"),
        rs.getBoolean("active"),
        rs.getString("password_hash"),
        rs.getLong("version"),
        new Limits(
            rs.getObject("per_minute", Long.class),
            rs.getObject("per_hour", Long.class),
            rs.getObject("per_day", Long.class)),
        rs.getBoolean("high_side_only"),
        SqlArrays.texts(rs, "echoed_change_ids"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
