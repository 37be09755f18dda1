package io.airlock.requestside.inbound;

import io.airlock.platform.transfer.AppliedBatch;
import io.airlock.platform.transfer.InboundChannel;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.transfer.Channel;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.RecordType;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.records.UserRecord;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies directory records to this side's replica of the response side's directory. The higher
 * version wins, so records may arrive in any order and twice. A user's own changes still pending
 * here (not yet echoed by a directory record) are laid over what arrives, so an older record never
 * undoes them; a deactivated user loses their refresh tokens and API keys at once. A batch that is
 * part of a full snapshot also counts towards it: once all its parts are in, the users absent from
 * it are deactivated the same way.
 */
@Component
class DirectoryReplica implements InboundChannel {

  private static final Logger log = LoggerFactory.getLogger(DirectoryReplica.class);

  private static final String ACTOR = "system:importer";

  private static final Set<String> ROLES = Set.of("user", "admin");

  private final JdbcClient jdbc;
  private final DirectorySnapshots snapshots;
  private final AuditLog audit;

  DirectoryReplica(JdbcClient jdbc, DirectorySnapshots snapshots, AuditLog audit) {
    this.jdbc = jdbc;
    this.snapshots = snapshots;
    this.audit = audit;
  }

  @Override
  public Channel channel() {
    return Channel.DIRECTORY;
  }

  @Override
  public void apply(TransferRecord record, AppliedBatch batch) {
    // Tests apply records outside any batch.
    Manifest manifest = batch == null ? null : batch.manifest();
    UUID userId = null;
    if (record instanceof UserRecord user) {
      userId = userId(user.id());
      if (userId == null) {
        audit.record(
            ACTOR,
            "directory.user.refuse",
            "user:" + user.id(),
            AuditLog.Outcome.FAILURE,
            "the id is not a UUID");
      } else if (!ROLES.contains(user.role())) {
        audit.record(
            ACTOR,
            "directory.user.refuse",
            "user:" + user.id(),
            AuditLog.Outcome.FAILURE,
            "role '" + user.role() + "' does not exist on this side");
      } else {
        handOverUsername(userId, user.username());
        apply(userId, user);
      }
    } else if (record instanceof ProfileTypeRecord type) {
      apply(type);
    } else if (record instanceof SettingRecord setting) {
      apply(setting);
    }
    countTowardsSnapshot(manifest, userId);
  }

  /**
   * An invalid record still counts towards its snapshot part, and a user it names is not taken for
   * absent: a record that could not be read says nothing about whether the user still exists.
   */
  @Override
  public void refused(RecordLine.Invalid line, AppliedBatch batch) {
    // Tests apply records outside any batch.
    Manifest manifest = batch == null ? null : batch.manifest();
    boolean namesUser = RecordType.USER.wireName().equals(line.type()) && line.id() != null;
    countTowardsSnapshot(manifest, namesUser ? userId(line.id()) : null);
  }

  private void countTowardsSnapshot(Manifest manifest, UUID userId) {
    SnapshotPart part = manifest == null ? null : manifest.snapshot();
    if (part == null) {
      return;
    }
    List<UUID> deactivated =
        snapshots.taken(part, manifest.batchId(), manifest.recordCount(), userId);
    for (UUID id : deactivated) {
      revokeCredentials(id);
      audit.record(
          ACTOR,
          "directory.user.deactivate",
          "user:" + id,
          AuditLog.Outcome.SUCCESS,
          "absent from full snapshot "
              + part.snapshotId()
              + " as of version "
              + part.asOfVersion());
    }
  }

  private static UUID userId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The directory's usernames are unique, so a username held here by another id belongs to an
   * account the directory no longer has (its database was rebuilt): that account is deactivated and
   * renamed out of the way, instead of the record failing its whole batch for good.
   */
  private void handOverUsername(UUID id, String username) {
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
    for (UUID old : previous) {
      revokeCredentials(old);
      audit.record(
          ACTOR,
          "directory.user.deactivate",
          "user:" + old,
          AuditLog.Outcome.SUCCESS,
          "username '" + username + "' now belongs to user " + id);
    }
  }

  private void apply(UUID id, UserRecord user) {
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
      return; // this version or a newer one is already here
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
      revokeCredentials(id);
    }
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

  private void revokeCredentials(UUID id) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    int tokens =
        jdbc.sql(
                "update refresh_tokens set revoked_at = :now where user_id = :id and revoked_at is null")
            .param("now", now)
            .param("id", id)
            .update();
    int keys =
        jdbc.sql("update api_keys set revoked_at = :now where user_id = :id and revoked_at is null")
            .param("now", now)
            .param("id", id)
            .update();
    log.info(
        "User {} deactivated by the directory: revoked {} refresh token(s), {} API key(s)",
        id,
        tokens,
        keys);
  }

  private void apply(ProfileTypeRecord type) {
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

  private void apply(SettingRecord setting) {
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
}
