package io.airlock.requestside.users;

import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.UserRecord;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * This side's replica of the response side's directory: users, profile types and settings as the
 * directory's records say, the higher version winning, with the users' own pending changes laid
 * over them. Every user it deactivates is announced ({@link UserDeactivated}), so that their
 * sessions and keys end in the same transaction.
 */
@Repository
public class DirectoryRecords {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  DirectoryRecords(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * Gives {@code username} to user {@code id}: the directory's usernames are unique, so one held
   * here by another id belongs to an account the directory no longer has (its database was
   * rebuilt). That account is deactivated and renamed out of the way. Returns the accounts moved.
   */
  public List<UUID> handOverUsername(UUID id, String username) {
    List<UUID> previous =
        jdbc.sql(
                """
                update users set username = username || '~' || left(id::text, 8), active = false
                where username = :username and id <> :id
                returning id""")
            .param("username", username)
            .param("id", id)
            .query(UUID.class)
            .list();
    previous.forEach(old -> events.publishEvent(new UserDeactivated(old)));
    return previous;
  }

  /**
   * Applies a user record unless this version or a newer one is here already; the user's own
   * changes it echoes are settled, and those not yet echoed stay in force over it.
   *
   * @return whether it was applied
   */
  public boolean apply(UUID id, UserRecord user) {
    int changed =
        jdbc.sql(
                """
                insert into users (id, username, email, display_name, role, profile_type, active,
                    password_hash, version, per_minute, per_hour, per_day, synced_at)
                values (:id, :username, :email, :displayName, :role, :profileType, :active,
                    :passwordHash, :version, :perMinute, :perHour, :perDay, now())
                on conflict (id) do update set
                    username = excluded.username, email = excluded.email,
                    display_name = excluded.display_name, role = excluded.role,
                    profile_type = excluded.profile_type, active = excluded.active,
                    password_hash = excluded.password_hash, version = excluded.version,
                    per_minute = excluded.per_minute, per_hour = excluded.per_hour,
                    per_day = excluded.per_day, synced_at = now()
                where users.version < excluded.version""")
            .param("id", id)
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
            .update();
    if (changed == 0) {
      return false;
    }
    if (!user.echoedChangeIds().isEmpty()) {
      jdbc.sql(
              """
              update account_changes set echoed_at = now()
              where user_id = :id and echoed_at is null and id::text = any(:echoed)""")
          .param("id", id)
          .param("echoed", user.echoedChangeIds().toArray(String[]::new))
          .update();
    }
    reapplyPendingChanges(id);
    if (!user.active()) {
      events.publishEvent(new UserDeactivated(id));
    }
    return true;
  }

  /**
   * Deactivates the active users a complete snapshot does not name, except those changed after its
   * as-of version: a record newer than the snapshot knows better than the snapshot does. Returns
   * them.
   */
  public List<UUID> deactivateAbsent(long asOfVersion, Collection<UUID> named) {
    List<UUID> absent =
        jdbc.sql(
                """
                update users set active = false, synced_at = now()
                where active and version <= :asOf and not (id = any(cast(:named as uuid[])))
                returning id""")
            .param("asOf", asOfVersion)
            .param("named", named.stream().map(UUID::toString).toArray(String[]::new))
            .query(UUID.class)
            .list();
    absent.forEach(id -> events.publishEvent(new UserDeactivated(id)));
    return absent;
  }

  /** Applies a profile type record unless this version or a newer one is here already. */
  public void apply(ProfileTypeRecord type) {
    jdbc.sql(
            """
            insert into profile_types (name, per_minute, per_hour, per_day, max_priority,
                allowed_indices, max_result_size, version)
            values (:name, :perMinute, :perHour, :perDay, :maxPriority, :indices, :maxResultSize,
                :version)
            on conflict (name) do update set
                per_minute = excluded.per_minute, per_hour = excluded.per_hour,
                per_day = excluded.per_day, max_priority = excluded.max_priority,
                allowed_indices = excluded.allowed_indices,
                max_result_size = excluded.max_result_size, version = excluded.version
            where profile_types.version < excluded.version""")
        .param("name", type.id())
        .param("perMinute", type.limits().perMinute())
        .param("perHour", type.limits().perHour())
        .param("perDay", type.limits().perDay())
        .param("maxPriority", type.maxPriority())
        .param("indices", type.allowedIndices().toArray(String[]::new))
        .param("maxResultSize", type.maxResultSize())
        .param("version", type.version())
        .update();
  }

  /** Applies a setting record unless this version or a newer one is here already. */
  public void apply(SettingRecord setting) {
    jdbc.sql(
            """
            insert into settings (key, value, version) values (:key, :value, :version)
            on conflict (key) do update set value = excluded.value, version = excluded.version
            where settings.version < excluded.version""")
        .param("key", setting.id())
        .param("value", setting.value())
        .param("version", setting.version())
        .update();
  }

  /** The user's own changes not yet echoed stay in force over whatever the directory says. */
  private void reapplyPendingChanges(UUID id) {
    jdbc.sql(
            """
            update users u set
                display_name = coalesce(
                    (select c.display_name from account_changes c where c.user_id = u.id
                       and c.echoed_at is null and c.display_name is not null
                     order by c.created_at desc limit 1), u.display_name),
                email = coalesce(
                    (select c.email from account_changes c where c.user_id = u.id
                       and c.echoed_at is null and c.email is not null
                     order by c.created_at desc limit 1), u.email),
                password_hash = coalesce(
                    (select c.password_hash from account_changes c where c.user_id = u.id
                       and c.echoed_at is null and c.password_hash is not null
                     order by c.created_at desc limit 1), u.password_hash)
            where u.id = :id""")
        .param("id", id)
        .update();
  }
}
