package io.airlock.requestside.apikeys;

import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.Users;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys by the SHA-256 of the whole key; the key itself is shown once and never stored. */
@Repository
public class ApiKeys {

  /** A key that may be used now, and whose it is. */
  public record Usable(Caller caller, List<String> scopes) {}

  record Listed(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      Instant createdAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  private static final RowMapper<Listed> LISTED =
      (rs, row) ->
          new Listed(
              rs.getObject("id", UUID.class),
              rs.getString("name"),
              rs.getString("prefix"),
              strings(rs.getArray("scopes")),
              rs.getTimestamp("created_at").toInstant(),
              instant(rs.getTimestamp("last_used_at")),
              instant(rs.getTimestamp("revoked_at")));

  private final JdbcClient jdbc;
  private final Users users;

  ApiKeys(JdbcClient jdbc, Users users) {
    this.jdbc = jdbc;
    this.users = users;
  }

  /**
   * The caller a presented key stands for, if the key exists, is not revoked and its user is
   * active; marks it used.
   */
  public Optional<Usable> use(String key, Instant now) {
    // Marked used before its user is known to be active: the key of a deactivated user is revoked
    // with the deactivation (UserDeactivated), so an inactive owner here is the rare race.
    Optional<Held> held =
        jdbc.sql(
                """
                update api_keys set last_used_at = :now
                where key_sha256 = :sha256 and revoked_at is null
                returning user_id, scopes""")
            .param("now", Timestamp.from(now))
            .param("sha256", sha256(key))
            .query(
                (rs, row) ->
                    new Held(rs.getObject("user_id", UUID.class), strings(rs.getArray("scopes"))))
            .optional();
    return held.flatMap(
        found ->
            users
                .byId(found.userId())
                .filter(User::active)
                .map(owner -> new Usable(Caller.of(owner), found.scopes())));
  }

  private record Held(UUID userId, List<String> scopes) {}

  void add(UUID id, UUID userId, String name, String prefix, String key, List<String> scopes) {
    jdbc.sql(
            """
            insert into api_keys (id, user_id, name, prefix, key_sha256, scopes)
            values (:id, :userId, :name, :prefix, :sha256, :scopes)
            """)
        .param("id", id)
        .param("userId", userId)
        .param("name", name)
        .param("prefix", prefix)
        .param("sha256", sha256(key))
        .param("scopes", scopes.toArray(String[]::new))
        .update();
  }

  List<Listed> of(UUID userId) {
    return jdbc.sql(
            """
            select id, name, prefix, scopes, created_at, last_used_at, revoked_at
            from api_keys where user_id = :userId order by created_at, id
            """)
        .param("userId", userId)
        .query(LISTED)
        .list();
  }

  Optional<Listed> byId(UUID userId, UUID id) {
    return jdbc.sql(
            """
            select id, name, prefix, scopes, created_at, last_used_at, revoked_at
            from api_keys where user_id = :userId and id = :id
            """)
        .param("userId", userId)
        .param("id", id)
        .query(LISTED)
        .optional();
  }

  /** Revokes one of the user's keys; false if the user has no key with that id. */
  boolean revoke(UUID userId, UUID id, Instant at) {
    return jdbc.sql(
                """
                update api_keys set revoked_at = coalesce(revoked_at, :at)
                where user_id = :userId and id = :id
                """)
            .param("at", Timestamp.from(at))
            .param("userId", userId)
            .param("id", id)
            .update()
        == 1;
  }

  /** How many of the user's keys are in force. */
  public long activeCountOf(UUID userId) {
    return jdbc.sql("select count(*) from api_keys where user_id = :id and revoked_at is null")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  /** Revokes every key of the user still in force; returns how many. */
  int revokeAllOf(UUID userId, Instant at) {
    return jdbc.sql(
            "update api_keys set revoked_at = :at where user_id = :userId and revoked_at is null")
        .param("at", Timestamp.from(at))
        .param("userId", userId)
        .update();
  }

  static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
