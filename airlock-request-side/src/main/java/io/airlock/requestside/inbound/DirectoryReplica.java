package io.airlock.requestside.inbound;

import io.airlock.platform.transfer.AppliedBatch;
import io.airlock.platform.transfer.InboundChannel;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.users.DirectoryRecords;
import io.airlock.transfer.Channel;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.RecordType;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.records.UserRecord;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

  private static final String ACTOR = "system:importer";

  private static final Set<String> ROLES = Set.of("user", "admin");

  private final DirectoryRecords directory;
  private final DirectorySnapshots snapshots;
  private final AuditLog audit;

  DirectoryReplica(DirectoryRecords directory, DirectorySnapshots snapshots, AuditLog audit) {
    this.directory = directory;
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
        directory.apply(userId, user);
      }
    } else if (record instanceof ProfileTypeRecord type) {
      directory.apply(type);
    } else if (record instanceof SettingRecord setting) {
      directory.apply(setting);
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

  /** A username held here by another account moves to this one, and that account is audited. */
  private void handOverUsername(UUID id, String username) {
    for (UUID old : directory.handOverUsername(id, username)) {
      audit.record(
          ACTOR,
          "directory.user.deactivate",
          "user:" + old,
          AuditLog.Outcome.SUCCESS,
          "username '" + username + "' now belongs to user " + id);
    }
  }
}
