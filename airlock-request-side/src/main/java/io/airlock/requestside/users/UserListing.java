package io.airlock.requestside.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The directory replica as administrators list it: users, their counts and usernames. */
@Repository
public class UserListing {

  /** Which users to list; null means any. */
  public record Filter(Boolean active, String role, String usernamePrefix) {}

  /** A user as the listing shows them. */
  public record Row(
      UUID id,
      String username,
      String email,
      String displayName,
      String role,
      String profileType,
      boolean active,
      long version,
      Instant syncedAt,
      Instant lastLoginAt) {}

  /** How many users there are, and how many of them are active. */
  public record Counts(long total, long active) {}

  private static final String COLUMNS =
      "id, username, email, display_name, role, profile_type, active, version, synced_at,"
          + " last_login_at";

  private static final String WHERE =
      """
       where (cast(:active as boolean) is null or active = :active)
         and (cast(:role as text) is null or role = :role)
         and (cast(:prefix as text) is null or username like :prefix escape '\\')
      """;

  private final JdbcClient jdbc;

  UserListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One page of the users the filter matches, by username. */
  public List<Row> page(Filter filter, int limit, long offset) {
    return bind(
            jdbc.sql(
                "select "
                    + COLUMNS
                    + " from users"
                    + WHERE
                    + " order by username limit :limit offset :offset"),
            filter)
        .param("limit", limit)
        .param("offset", offset)
        .query(UserListing::row)
        .list();
  }

  public long count(Filter filter) {
    return bind(jdbc.sql("select count(*) from users" + WHERE), filter).query(Long.class).single();
  }

  public Optional<Row> byId(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from users where id = :id")
        .param("id", id)
        .query(UserListing::row)
        .optional();
  }

  /** The user's own changes not yet echoed by the directory. */
  public long pendingChangesOf(UUID userId) {
    return jdbc.sql(
            "select count(*) from account_changes where user_id = :id and echoed_at is null")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  public Counts counts() {
    return jdbc.sql("select count(*) as total, count(*) filter (where active) as active from users")
        .query((rs, n) -> new Counts(rs.getLong("total"), rs.getLong("active")))
        .single();
  }

  /** The usernames of those of {@code ids} that are users here. */
  public Map<UUID, String> usernames(Collection<UUID> ids) {
    Map<UUID, String> usernames = new HashMap<>();
    if (ids.isEmpty()) {
      return usernames;
    }
    jdbc.sql("select id, username from users where id in (:ids)")
        .param("ids", ids)
        .query((rs, n) -> usernames.put(rs.getObject("id", UUID.class), rs.getString("username")))
        .list();
    return usernames;
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
    return sql.param("active", filter.active())
        .param("role", filter.role())
        .param("prefix", startingWith(filter.usernamePrefix()));
  }

  // A LIKE pattern matching the prefix as it is written: its wildcards are escaped.
  private static String startingWith(String prefix) {
    if (prefix == null) {
      return null;
    }
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getObject("id", UUID.class),
        rs.getString("username"),
        rs.getString("email"),
        rs.getString("display_name"),
        rs.getString("role"),
        rs.getString("profile_type"),
        rs.getBoolean("active"),
        rs.getLong("version"),
        instant(rs.getTimestamp("synced_at")),
        instant(rs.getTimestamp("last_login_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
