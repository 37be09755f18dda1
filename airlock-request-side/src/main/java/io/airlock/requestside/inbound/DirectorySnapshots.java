package io.airlock.requestside.inbound;

import io.airlock.requestside.users.DirectoryRecords;
import io.airlock.transfer.manifest.SnapshotPart;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The parts of full directory snapshots received so far, kept in the database so that a snapshot
 * whose parts arrive across restarts still completes. A part counts once every record of the batch
 * carrying it has been taken (applied or quarantined): only then is it known whom it names.
 */
@Repository
class DirectorySnapshots {

  private final JdbcClient jdbc;
  private final DirectoryRecords directory;

  DirectorySnapshots(JdbcClient jdbc, DirectoryRecords directory) {
    this.jdbc = jdbc;
    this.directory = directory;
  }

  /**
   * Notes one record of a snapshot part, naming a user or not.
   *
   * @return the users the snapshot deactivated, if this record completed it; else empty
   */
  List<UUID> taken(SnapshotPart part, UUID batchId, int recordCount, UUID userId) {
    jdbc.sql(
            """
            insert into directory_snapshots (snapshot_id, as_of_version, part_count)
            values (:snapshot, :asOf, :partCount) on conflict do nothing""")
        .param("snapshot", part.snapshotId())
        .param("asOf", part.asOfVersion())
        .param("partCount", part.partCount())
        .update();
    // A part carried again by another batch (a sender that rebuilt it) counts only once.
    jdbc.sql(
            """
            insert into directory_snapshot_parts (snapshot_id, part, batch_id, record_count)
            values (:snapshot, :part, :batch, :recordCount) on conflict do nothing""")
        .param("snapshot", part.snapshotId())
        .param("part", part.part())
        .param("batch", batchId)
        .param("recordCount", recordCount)
        .update();
    if (userId != null) {
      jdbc.sql(
              """
              insert into directory_snapshot_users (snapshot_id, user_id)
              values (:snapshot, :user) on conflict do nothing""")
          .param("snapshot", part.snapshotId())
          .param("user", userId)
          .update();
    }
    boolean partComplete =
        jdbc.sql(
                """
                update directory_snapshot_parts set records_seen = records_seen + 1
                where snapshot_id = :snapshot and part = :part and batch_id = :batch
                  and records_seen < record_count
                returning records_seen = record_count""")
            .param("snapshot", part.snapshotId())
            .param("part", part.part())
            .param("batch", batchId)
            .query(Boolean.class)
            .optional()
            .orElse(false);
    if (!partComplete) {
      return List.of();
    }
    return complete(part.snapshotId())
        .map(asOf -> deactivateAbsent(part.snapshotId(), asOf))
        .orElse(List.of());
  }

  /** Marks the snapshot complete if all its parts have counted, returning its as-of version. */
  private Optional<Long> complete(UUID snapshotId) {
    return jdbc.sql(
            """
            update directory_snapshots s set completed_at = now()
            where s.snapshot_id = :snapshot and s.completed_at is null
              and s.part_count = (select count(*) from directory_snapshot_parts p
                                  where p.snapshot_id = s.snapshot_id
                                    and p.records_seen = p.record_count)
            returning s.as_of_version""")
        .param("snapshot", snapshotId)
        .query(Long.class)
        .optional();
  }

  /** Deactivates the users the snapshot does not name (see {@link DirectoryRecords}). */
  private List<UUID> deactivateAbsent(UUID snapshotId, long asOfVersion) {
    List<UUID> named =
        jdbc.sql("select user_id from directory_snapshot_users where snapshot_id = :snapshot")
            .param("snapshot", snapshotId)
            .query(UUID.class)
            .list();
    return directory.deactivateAbsent(asOfVersion, named);
  }
}
