package io.airlock.platform.transfer;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionApplied;
import io.airlock.platform.retention.RetentionProperties;
import io.airlock.platform.retention.RetentionRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes what the transfer no longer needs once its retention has passed: outbound ledger rows and
 * the inbox's archived and failed files. Never what the protocol still reads: an outbound batch
 * that is unacknowledged or not yet pruned by the link, or the highest sequence of a channel (the
 * next one is allocated above it). The inbound ledger stays: each side's own rows (its queue, its
 * audit) point at the batch they arrived in, and go first, with the sides' own retention. One
 * instance at a time.
 */
public final class TransferRetention {

  private static final Logger log = LoggerFactory.getLogger(TransferRetention.class);
  private static final String JOB = "transfer-retention";
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

  private final JdbcClient jdbc;
  private final TransferFolders folders;
  private final SingletonJobs jobs;
  private final RetentionProperties properties;
  private final Clock clock;
  private final Consumer<RetentionApplied> events;

  TransferRetention(
      JdbcClient jdbc,
      TransferFolders folders,
      SingletonJobs jobs,
      RetentionProperties properties,
      Clock clock,
      Consumer<RetentionApplied> events) {
    this.jdbc = jdbc;
    this.folders = folders;
    this.jobs = jobs;
    this.properties = properties;
    this.clock = clock;
    this.events = events;
  }

  /** One run now, by kind what it removed; empty if another instance is running it. */
  public Optional<Map<String, Long>> runNow() throws IOException {
    return jobs.runExclusively(JOB, LOCK_AT_MOST, this::apply);
  }

  private Map<String, Long> apply() {
    return new RetentionRun(clock, events)
        .remove("ledger-outbound", properties.ledger(), this::deleteOutbound)
        .remove(
            "inbox-archive",
            properties.inboxArchive(),
            (before, limit) -> deleteFiles(folders.archive(), before, false))
        .remove(
            "inbox-failed",
            properties.inboxFailed(),
            (before, limit) -> deleteFiles(folders.failed(), before, true))
        .removed();
  }

  /**
   * Acknowledged batches the link has pruned (their records and {@code sent/} files are gone
   * already), except each channel's highest: allocation, the peer's acks and the link's health
   * count from it.
   */
  private int deleteOutbound(Instant before, int limit) {
    return jdbc.sql(
            """
            delete from outbound_batches where ctid in (
              select b.ctid from outbound_batches b
              where b.state = 'ACKNOWLEDGED' and b.pruned_at is not null
                and b.acknowledged_at < :before
                and b.sequence < (select max(h.sequence) from outbound_batches h
                                  where h.sender_epoch = b.sender_epoch and h.channel = b.channel)
              limit :limit)""")
        .param("before", Timestamp.from(before))
        .param("limit", limit)
        .update();
  }

  /** The folder's files last modified before {@code before}; a folder not there has none. */
  private static int deleteFiles(Path folder, Instant before, boolean reportEach) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
            || !Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(before)) {
          continue;
        }
        try {
          Files.delete(file);
        } catch (NoSuchFileException e) {
          continue; // another instance's importer or an operator took it meanwhile
        }
        deleted++;
        if (reportEach) {
          // Never applied: say which, since the operator may never have looked at it.
          log.warn("Retention removed {} from inbox/failed, never applied", file.getFileName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deleted;
  }
}
