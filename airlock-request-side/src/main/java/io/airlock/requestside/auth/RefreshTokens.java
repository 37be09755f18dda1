package io.airlock.requestside.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refresh tokens by the SHA-256 of their value; the value itself is never stored. */
@Repository
public class RefreshTokens {

  record Stored(
      UUID id, UUID userId, UUID family, Instant expiresAt, Instant rotatedAt, Instant revokedAt) {

    boolean usable(Instant now) {
      return rotatedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }
  }

  private final JdbcClient jdbc;

  RefreshTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(UUID id, UUID userId, UUID family, String sha256, Instant issuedAt, Instant expiresAt) {
    jdbc.sql(
            """
            insert into refresh_tokens (id, user_id, family, token_sha256, issued_at, expires_at)
            values (:id, :userId, :family, :sha256, :issuedAt, :expiresAt)
            """)
        .param("id", id)
        .param("userId", userId)
        .param("family", family)
        .param("sha256", sha256)
        .param("issuedAt", Timestamp.from(issuedAt))
        .param("expiresAt", Timestamp.from(expiresAt))
        .update();
  }

  /** Locks the token's row, so two concurrent refreshes with one token cannot both rotate it. */
  Optional<Stored> lockBySha256(String sha256) {
    return jdbc.sql(
            """
            select id, user_id, family, expires_at, rotated_at, revoked_at
            from refresh_tokens where token_sha256 = :sha256 for update
            """)
        .param("sha256", sha256)
        .query(
            (rs, row) ->
                new Stored(
                    rs.getObject("id", UUID.class),
                    rs.getObject("user_id", UUID.class),
                    rs.getObject("family", UUID.class),
                    rs.getTimestamp("expires_at").toInstant(),
                    instant(rs.getTimestamp("rotated_at")),
                    instant(rs.getTimestamp("revoked_at"))))
        .optional();
  }

  void rotated(UUID id, UUID replacedBy, Instant at) {
    jdbc.sql("update refresh_tokens set rotated_at = :at, replaced_by = :next where id = :id")
        .param("at", Timestamp.from(at))
        .param("next", replacedBy)
        .param("id", id)
        .update();
  }

  void revokeFamily(UUID family, Instant at) {
    jdbc.sql(
            "update refresh_tokens set revoked_at = :at where family = :family and revoked_at is"
                + " null")
        .param("at", Timestamp.from(at))
        .param("family", family)
        .update();
  }

  /**
   * How many of the user's sessions are open: refresh tokens neither revoked, rotated nor expired.
   */
  public long activeCountOf(UUID userId) {
    return jdbc.sql(
            """
            select count(*) from refresh_tokens where user_id = :id
              and revoked_at is null and rotated_at is null and expires_at > now()""")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  void revokeAllOf(UUID userId, Instant at) {
    jdbc.sql(
            "update refresh_tokens set revoked_at = :at where user_id = :userId and revoked_at is"
                + " null")
        .param("at", Timestamp.from(at))
        .param("userId", userId)
        .update();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
