package io.airlock.requestside.users;

import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.signals.SignalledCache;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The replica of the directory's users, with the few columns this side writes itself. */
@Repository
public class Users {

  static final String COLUMNS =
      "id, username, email, display_name, role, profile_type, active, password_hash,"
          + " last_login_at";

  static final RowMapper<User> USER =
      (rs, row) ->
          new User(
              rs.getObject("id", UUID.class),
              rs.getString("username"),
              rs.getString("email"),
              rs.getString("display_name"),
              rs.getString("role"),
              rs.getString("profile_type"),
              rs.getBoolean("active"),
              rs.getString("password_hash"),
              instant(rs.getTimestamp("last_login_at")));

  private final JdbcClient jdbc;
  private final SignalledCache<UUID, User> cached;

  Users(JdbcClient jdbc, DatabaseSignals signals) {
    this.jdbc = jdbc;
    this.cached = DirectoryCaching.cache(signals, DirectoryCaching.TIME_TO_LIVE);
  }

  public Optional<User> byUsername(String username) {
    return jdbc.sql("select " + COLUMNS + " from users where username = :username")
        .param("username", username)
        .query(USER)
        .optional();
  }

  public Optional<User> byId(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from users where id = :id")
        .param("id", id)
        .query(USER)
        .optional();
  }

  /**
   * {@link #byId}, from this instance's cache of the directory: for authenticating every call. A
   * change to the user reaches it as {@link DirectoryCaching} says.
   */
  public Optional<User> byIdForCall(UUID id) {
    return cached.get(id, this::byId);
  }

  public void loggedIn(UUID id, Instant at) {
    jdbc.sql("update users set last_login_at = :at where id = :id")
        .param("at", Timestamp.from(at))
        .param("id", id)
        .update();
  }

  void changeProfile(UUID id, String displayName, String email) {
    jdbc.sql("update users set display_name = :displayName, email = :email where id = :id")
        .param("displayName", displayName)
        .param("email", email)
        .param("id", id)
        .update();
  }

  void changePassword(UUID id, String passwordHash) {
    jdbc.sql("update users set password_hash = :hash where id = :id")
        .param("hash", passwordHash)
        .param("id", id)
        .update();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
