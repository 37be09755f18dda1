package io.airlock.responseside.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accounts that may sign in here: by username and password, or by API key. Only high-side
 * accounts (operators, the bootstrap admin, admins created as high-side only): an account that is
 * exported to the request side can have its password changed from there, and this side trusts
 * nothing that comes from there (DESIGN §2 "Trust").
 */
@Repository
class Accounts {

  private final JdbcClient jdbc;

  Accounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Account> byUsername(String username) {
    return jdbc.sql(
            "select username, password_hash, role, active from users"
                + " where username = :username and high_side_only")
        .param("username", username)
        .query(Account.class)
        .optional();
  }

  /** The account an unrevoked key belongs to, noting that the key was used. */
  Optional<Account> byApiKey(String keySha256) {
    Optional<KeyOwner> owner =
        jdbc.sql(
                """
                select k.id as key_id, u.username, u.password_hash, u.role, u.active
                  from api_keys k join users u on u.id = k.user_id
                 where k.key_sha256 = :hash and k.revoked_at is null and u.high_side_only
                """)
            .param("hash", keySha256)
            .query(KeyOwner.class)
            .optional();
    owner.ifPresent(
        used ->
            jdbc.sql("update api_keys set last_used_at = now() where id = :id")
                .param("id", used.keyId())
                .update());
    return owner.map(KeyOwner::account);
  }

  private record KeyOwner(
      UUID keyId, String username, String passwordHash, String role, boolean active) {

    Account account() {
      return new Account(username, passwordHash, role, active);
    }
  }
}
