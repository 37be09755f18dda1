package io.airlock.responseside.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys, of which only the SHA-256 is kept: a stolen table opens nothing. */
@Repository
class ApiKeys {

  private final JdbcClient jdbc;

  ApiKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A key as listed: never the key itself. */
  record ApiKey(
      UUID id,
      UUID userId,
      String name,
      String prefix,
      Instant createdAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  ApiKey insert(UUID userId, String name, String key, String prefix) {
    return jdbc.sql(
            """
            insert into api_keys (id, user_id, name, prefix, key_sha256)
            values (:id, :userId, :name, :prefix, :hash)
            returning id, user_id, name, prefix, created_at, last_used_at, revoked_at
            """)
        .param("id", UUID.randomUUID())
        .param("userId", userId)
        .param("name", name)
        .param("prefix", prefix)
        .param("hash", sha256(key))
        .query(ApiKey.class)
        .single();
  }

  List<ApiKey> all() {
    return jdbc.sql(
            """
            select id, user_id, name, prefix, created_at, last_used_at, revoked_at
              from api_keys order by created_at, id
            """)
        .query(ApiKey.class)
        .list();
  }

  /** Revokes the key, keeping the first revocation time; false when there is no such key. */
  boolean revoke(UUID id) {
    return jdbc.sql("update api_keys set revoked_at = coalesce(revoked_at, now()) where id = :id")
            .param("id", id)
            .update()
        == 1;
  }
}
