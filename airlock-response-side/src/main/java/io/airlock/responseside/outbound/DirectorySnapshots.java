package io.airlock.responseside.outbound;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.transfer.InboundBatches;
import io.airlock.platform.transfer.ManifestExtras;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.DirectoryChanges;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.BatchCut;
import io.airlock.transfer.batch.SenderLimits;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends full directory snapshots (DESIGN §2 "Order and convergence"): the request side deactivates
 * users absent from a snapshot once all its parts arrived, so a snapshot must be complete and
 * consistent: everything is read in one snapshot transaction at one as-of version, and cut into
 * parts before the first part is allocated, so every part carries the final part count.
 */
@Component
class DirectorySnapshots {

  private static final Logger log = LoggerFactory.getLogger(DirectorySnapshots.class);
  private static final String JOB = "directory-snapshot";
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

  private final Directory directory;
  private final OutboundBatches outbound;
  private final InboundBatches inbound;
  private final JdbcClient jdbc;
  private final SingletonJobs jobs;
  private final SystemLog systemLog;

  DirectorySnapshots(
      Directory directory,
      OutboundBatches outbound,
      InboundBatches inbound,
      JdbcClient jdbc,
      SingletonJobs jobs,
      SystemLog systemLog) {
    this.directory = directory;
    this.outbound = outbound;
    this.inbound = inbound;
    this.jdbc = jdbc;
    this.jobs = jobs;
    this.systemLog = systemLog;
  }

  /**
   * Takes a snapshot unless one is being taken (here or on another instance).
   *
   * @param requestedBy {@code schedule}, or the admin who asked
   * @return the snapshot sent, or empty if another was being taken
   */
  Optional<DirectorySnapshot> take(String requestedBy) throws IOException {
    return jobs.runExclusively(JOB, LOCK_AT_MOST, () -> send(requestedBy));
  }

  /**
   * Takes a snapshot if the last complete one is older than {@code interval}, or there is none, or
   * the request side has a sender epoch first heard of since it was taken (its database is new, so
   * it holds none of the directory sent before); decided under the lock, so two instances never
   * both find it due.
   */
  Optional<DirectorySnapshot> takeIfDue(Duration interval) throws IOException {
    return jobs.runExclusively(JOB, LOCK_AT_MOST, () -> due(interval) ? send("schedule") : null);
  }

  private boolean due(Duration interval) {
    Timestamp newEpoch = inbound.newestPeerEpochFirstHeardAt().map(Timestamp::from).orElse(null);
    return jdbc.sql(
            """
            with last as (
                select coalesce(max(created_at), '-infinity'::timestamptz) as taken
                from directory_snapshots where parts_allocated = part_count)
            select (select taken from last) <= now() - :intervalMs * interval '1 millisecond'
                or coalesce(cast(:newEpoch as timestamptz) > (select taken from last), false)""")
        .param("intervalMs", interval.toMillis())
        .param("newEpoch", newEpoch)
        .query(Boolean.class)
        .single();
  }

  private DirectorySnapshot send(String requestedBy) throws IOException {
    // An outbox that cannot take the earlier batches cannot take this one: fail before a
    // snapshot is begun that could never be completed.
    outbound.repairUnpublished();
    // Every version is above 0: all of the directory, high-side-only accounts left out.
    DirectoryChanges everything = directory.changedSince(0);
    List<List<TransferRecord>> parts = cut(everything);
    DirectorySnapshot snapshot =
        new DirectorySnapshot(
            UUID.randomUUID(),
            everything.asOf(),
            parts.size(),
            parts.stream().mapToInt(List::size).sum());
    jdbc.sql(
            """
            insert into directory_snapshots (id, as_of_version, part_count, record_count,
                                             requested_by)
            values (:id, :asOf, :parts, :records, :requestedBy)""")
        .param("id", snapshot.id())
        .param("asOf", snapshot.asOfVersion())
        .param("parts", snapshot.partCount())
        .param("records", snapshot.recordCount())
        .param("requestedBy", requestedBy)
        .update();
    for (int part = 1; part <= parts.size(); part++) {
      int number = part;
      outbound.send(
          Channel.DIRECTORY,
          parts.get(part - 1),
          Compression.GZIP,
          new ManifestExtras(
              inbound.acks(),
              Map.of(),
              new SnapshotPart(snapshot.id(), snapshot.asOfVersion(), part, parts.size())),
          sequence -> partAllocated(snapshot.id(), number));
    }
    log.info(
        "Sent directory snapshot {} as of version {}: {} record(s) in {} part(s)",
        snapshot.id(),
        snapshot.asOfVersion(),
        snapshot.recordCount(),
        snapshot.partCount());
    systemLog.record(
        SystemLog.Level.INFO,
        "directory",
        "directory snapshot sent",
        Map.of(
            "snapshot_id", snapshot.id().toString(),
            "as_of_version", snapshot.asOfVersion(),
            "parts", snapshot.partCount(),
            "records", snapshot.recordCount(),
            "requested_by", requestedBy));
    return snapshot;
  }

  /**
   * Profile types and settings first, so that a receiver applying parts in order knows a user's
   * profile type before the user. A record no batch can carry would leave the snapshot incomplete,
   * and the request side would deactivate a user who is merely large: no snapshot then.
   */
  private static List<List<TransferRecord>> cut(DirectoryChanges everything) {
    List<TransferRecord> remaining = new ArrayList<>();
    remaining.addAll(everything.profileTypes());
    remaining.addAll(everything.settings());
    remaining.addAll(everything.users());
    List<List<TransferRecord>> parts = new ArrayList<>();
    do {
      BatchCut<TransferRecord> cut = BatchCut.of(remaining, SenderLimits.DEFAULTS);
      if (!cut.oversized().isEmpty()) {
        TransferRecord record = cut.oversized().get(0);
        throw new IllegalStateException(
            "directory record "
                + record.type().wireName()
                + " "
                + record.id()
                + " is larger than any batch, so no snapshot can be complete");
      }
      parts.add(cut.included());
      remaining = remaining.subList(cut.included().size(), remaining.size());
    } while (!remaining.isEmpty());
    return parts;
  }

  private void partAllocated(UUID snapshot, int part) {
    jdbc.sql(
            """
            update directory_snapshots set parts_allocated = :part
            where id = :id and parts_allocated = :part - 1""")
        .param("part", part)
        .param("id", snapshot)
        .update();
  }
}
