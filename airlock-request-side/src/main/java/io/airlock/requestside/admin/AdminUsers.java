package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.requests.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The directory replica as an administrator sees it: every user, with their credentials' state. */
@Repository
class AdminUsers {

  /** Which users to list; null means any. */
  record Filter(Boolean active, String role, String usernamePrefix) {}

  record UserRow(
      UUID id,
      String username,
      String email,
      @JsonProperty("display_name") String displayName,
      String role,
      @JsonProperty("profile_type") String profileType,
      boolean active,
      long version,
      @JsonProperty("synced_at") Instant syncedAt,
      @JsonProperty("last_login_at") Instant lastLoginAt) {}

  /** A user with what hangs off them on this side. */
  record UserDetail(
      @JsonProperty("user") UserRow user,
      @JsonProperty("requests") long requests,
      @JsonProperty("active_api_keys") long activeApiKeys,
      @JsonProperty("active_refresh_tokens") long activeRefreshTokens,
      @JsonProperty("pending_account_changes") long pendingAccountChanges) {}

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

  AdminUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One page of the users the filter matches, by username. */
  List<UserRow> page(Filter filter, Paging paging) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from users"
                + WHERE
                + " order by username limit :limit offset :offset")
        .param("active", filter.active())
        .param("role", filter.role())
        .param("prefix", Filters.startingWith(filter.usernamePrefix()))
        .param("limit", paging.size())
        .param("offset", paging.offset())
        .query(AdminUsers::row)
        .list();
  }

  long count(Filter filter) {
    return jdbc.sql("select count(*) from users" + WHERE)
        .param("active", filter.active())
        .param("role", filter.role())
        .param("prefix", Filters.startingWith(filter.usernamePrefix()))
        .query(Long.class)
        .single();
  }

  Optional<UserDetail> byId(UUID id) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + """
                , (select count(*) from requests q where q.owner_id = u.id) as requests,
                  (select count(*) from api_keys k
                   where k.user_id = u.id and k.revoked_at is null) as api_keys,
                  (select count(*) from refresh_tokens t where t.user_id = u.id
                     and t.revoked_at is null and t.rotated_at is null
                     and t.expires_at > now()) as refresh_tokens,
                  (select count(*) from account_changes c
                   where c.user_id = u.id and c.echoed_at is null) as pending_changes
                from users u where u.id = :id""")
        .param("id", id)
        .query(
            (rs, n) ->
                new UserDetail(
                    row(rs, n),
                    rs.getLong("requests"),
                    rs.getLong("api_keys"),
                    rs.getLong("refresh_tokens"),
                    rs.getLong("pending_changes")))
        .optional();
  }

  private static UserRow row(ResultSet rs, int n) throws SQLException {
    return new UserRow(
        rs.getObject("id", UUID.class),
        rs.getString("username"),
        rs.getString("email"),
        rs.getString("display_name"),
        rs.getString("role"),
        rs.getString("profile_type"),
        rs.getBoolean("active"),
        rs.getLong("version"),
        Filters.instant(rs.getTimestamp("synced_at")),
        Filters.instant(rs.getTimestamp("last_login_at")));
  }
}
