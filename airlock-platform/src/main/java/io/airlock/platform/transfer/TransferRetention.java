package io.airlock.platform.transfer;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionApplied;
import io.airlock.platform.retention.RetentionProperties;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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

  /** Rows per statement: each deletes quickly, so none holds its locks for long. */
  static final int BATCH = 1000;

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

  /** One scheduled run: a failure is logged, and the next run tries again. */
  void runScheduled() {
    try {
      runNow();
    } catch (IOException | RuntimeException e) {
      log.warn("Transfer retention failed, tried again next run: {}", e.toString());
    }
  }

  private Map<String, Long> apply() throws IOException {
    Instant now = clock.instant();
    Map<String, Long> removed = new LinkedHashMap<>();
    if (!RetentionProperties.keptForever(properties.ledger())) {
      Instant before = now.minus(properties.ledger());
      report(removed, "ledger-outbound", deleteOutbound(before), before);
    }
    if (!RetentionProperties.keptForever(properties.inboxArchive())) {
      Instant before = now.minus(properties.inboxArchive());
      report(removed, "inbox-archive", deleteFiles(folders.archive(), before, false), before);
    }
    if (!RetentionProperties.keptForever(properties.inboxFailed())) {
      Instant before = now.minus(properties.inboxFailed());
      report(removed, "inbox-failed", deleteFiles(folders.failed(), before, true), before);
    }
    return removed;
  }

  private void report(Map<String, Long> removed, String kind, long count, Instant before) {
    removed.put(kind, count);
    if (count > 0) {
      log.info("Retention removed {} {} older than {}", count, kind, before);
      events.accept(new RetentionApplied(kind, count, before));
    }
  }

  /**
   * Acknowledged batches the link has pruned (their records and {@code sent/} files are gone
   * already), except each channel's highest: allocation, the peer's acks and the link's health
   * count from it.
   */
  private long deleteOutbound(Instant before) {
    return inBatches(
        """
        delete from outbound_batches where ctid in (
          select b.ctid from outbound_batches b
          where b.state = 'ACKNOWLEDGED' and b.pruned_at is not null
            and b.acknowledged_at < :before
            and b.sequence < (select max(h.sequence) from outbound_batches h
                              where h.sender_epoch = b.sender_epoch and h.channel = b.channel)
          limit :limit)""",
        before);
  }

  private long inBatches(String sql, Instant before) {
    long total = 0;
    int deleted;
    do {
      deleted =
          jdbc.sql(sql).param("before", Timestamp.from(before)).param("limit", BATCH).update();
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }

  /** The folder's files last modified before {@code before}; a folder not there has none. */
  private static long deleteFiles(Path folder, Instant before, boolean reportEach)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    long deleted = 0;
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
    }
    return deleted;
  }
}
