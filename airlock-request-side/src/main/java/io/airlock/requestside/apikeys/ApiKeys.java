package io.airlock.requestside.apikeys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.signals.SignalledCache;
import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.DirectoryCaching;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.Users;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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

  /** A key as its owner and admins see it: never the key itself, which nothing keeps. */
  public record Listed(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("last_used_at") Instant lastUsedAt,
      @JsonProperty("revoked_at") Instant revokedAt) {}

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

  /** How often a key's {@code last_used_at} is written at most, on each instance. */
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final Users users;
  private final SignalledCache<String, Held> held;
  // Keys whose use this instance wrote less than LAST_USED_PRECISION ago.
  private final Cache<String, Boolean> recentlyMarked =
      Caffeine.newBuilder().expireAfterWrite(LAST_USED_PRECISION).maximumSize(100_000).build();

  ApiKeys(JdbcClient jdbc, Users users, DatabaseSignals signals) {
    this.jdbc = jdbc;
    this.users = users;
    this.held = DirectoryCaching.cache(signals, DirectoryCaching.TIME_TO_LIVE);
  }

  /**
   * The caller a presented key stands for, if the key exists, is not revoked and its user is
   * active; marks it used (at most once a {@link #LAST_USED_PRECISION}). Key and user come from
   * this instance's cache of the directory ({@link DirectoryCaching}).
   */
  public Optional<Usable> use(String key, Instant now) {
    String sha256 = sha256(key);
    Optional<Held> found = held.get(sha256, this::inForce);
    found.ifPresent(in -> markUsed(sha256, now));
    return found.flatMap(
        in ->
            users
                .byIdForCall(in.userId())
                .filter(User::active)
                .map(owner -> new Usable(Caller.of(owner), in.scopes())));
  }

  private record Held(UUID userId, List<String> scopes) {}

  private Optional<Held> inForce(String sha256) {
    return jdbc.sql(
            "select user_id, scopes from api_keys where key_sha256 = :sha256 and revoked_at is null")
        .param("sha256", sha256)
        .query(
            (rs, row) ->
                new Held(rs.getObject("user_id", UUID.class), strings(rs.getArray("scopes"))))
        .optional();
  }

  private void markUsed(String sha256, Instant now) {
    if (recentlyMarked.asMap().putIfAbsent(sha256, Boolean.TRUE) == null) {
      jdbc.sql("update api_keys set last_used_at = :now where key_sha256 = :sha256")
          .param("now", Timestamp.from(now))
          .param("sha256", sha256)
          .update();
    }
  }

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

  /** The user's keys, revoked ones too, oldest first. */
  public List<Listed> of(UUID userId) {
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
    int revoked =
        jdbc.sql(
                """
                update api_keys set revoked_at = coalesce(revoked_at, :at)
                where user_id = :userId and id = :id
                """)
            .param("at", Timestamp.from(at))
            .param("userId", userId)
            .param("id", id)
            .update();
    held.invalidateAfterCommit();
    return revoked == 1;
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
    int revoked =
        jdbc.sql(
                "update api_keys set revoked_at = :at where user_id = :userId and revoked_at is null")
            .param("at", Timestamp.from(at))
            .param("userId", userId)
            .update();
    held.invalidateAfterCommit();
    return revoked;
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
