package io.airlock.responseside.security;

import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.User;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accounts that may sign in here: by username and password, or by API key. Only high-side
 * accounts (operators, the bootstrap admin, admins created as high-side only): an account that is
 * exported to the request side can have its password changed from there, and this side trusts
 * nothing that comes from there (DESIGN §2 "Trust"). The users are the directory's; the keys are
 * this package's own.
 */
@Repository
class Accounts {

  private final Directory directory;
  private final JdbcClient jdbc;

  Accounts(Directory directory, JdbcClient jdbc) {
    this.directory = directory;
    this.jdbc = jdbc;
  }

  Optional<Account> byUsername(String username) {
    return directory.user(username).filter(User::highSideOnly).map(Accounts::account);
  }

  /** The account an unrevoked key belongs to, noting that the key was used. */
  Optional<Account> byApiKey(String keySha256) {
    Optional<Key> key =
        jdbc.sql("select id, user_id from api_keys where key_sha256 = :hash and revoked_at is null")
            .param("hash", keySha256)
            .query(Key.class)
            .optional();
    Optional<User> owner =
        key.flatMap(used -> directory.user(used.userId())).filter(User::highSideOnly);
    owner.ifPresent(
        used ->
            jdbc.sql("update api_keys set last_used_at = now() where id = :id")
                .param("id", key.get().id())
                .update());
    return owner.map(Accounts::account);
  }

  private static Account account(User user) {
    return new Account(user.username(), user.passwordHash(), user.role(), user.active());
  }

  private record Key(UUID id, UUID userId) {}
}
