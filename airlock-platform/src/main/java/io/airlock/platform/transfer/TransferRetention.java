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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes what the transfer no longer needs once its retention has passed: outbound and inbound
 * ledger rows and the inbox's archived and failed files. Never what the protocol still reads: an
 * outbound batch that is unacknowledged or not yet pruned by the link, or the highest sequence of a
 * channel (the next one is allocated above it); never the inbound watermarks; never an inbound
 * batch while any row still points at it (the sides' queue and audit rows, the quarantined records;
 * they go first, with their own retention), or the newest of its sender's channel (its link's "last
 * heard"). An applied batch's row may go because the watermark alone says it was applied: {@link
 * io.airlock.transfer.sequence.SequenceCheck#classify} finds the sequence applied and, with no
 * ledger checksum to compare, calls the batch arriving again a duplicate, which {@link
 * InboundBatches} records and never applies; a copy with other content is then a duplicate too, no
 * longer a conflict. One instance at a time.
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
    // Looked up each run: a migration may have added a table that points at the inbound ledger.
    String unreferenced = inboundUnreferenced();
    return new RetentionRun(clock, events)
        .remove("ledger-outbound", properties.ledger(), this::deleteOutbound)
        .remove(
            "ledger-inbound",
            properties.ledger(),
            (before, limit) -> deleteInbound(unreferenced, before, limit))
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

  /**
   * Batches received before {@code before} that no row points at, except the newest of each sender
   * epoch and channel: the link's health and the dashboard say when a channel was last heard from
   * by it. A batch refused before its manifest was read has no sender and no such role. The
   * watermarks stay and alone decide what was applied.
   */
  private int deleteInbound(String unreferenced, Instant before, int limit) {
    return jdbc.sql(
            """
            delete from inbound_batches where ctid in (
              select b.ctid from inbound_batches b
              where b.received_at < :before
                and (b.sender_epoch is null
                     or exists (select 1 from inbound_batches h
                                where h.sender_node_id = b.sender_node_id
                                  and h.sender_epoch = b.sender_epoch
                                  and h.channel = b.channel and h.id > b.id))
                %s
              limit :limit)"""
                .formatted(unreferenced))
        .param("before", Timestamp.from(before))
        .param("limit", limit)
        .update();
  }

  /**
   * A {@code not exists} condition on {@code b} for every foreign key that references {@code
   * inbound_batches}, whichever module's migration declared it; identifiers quoted by the database.
   */
  private String inboundUnreferenced() {
    List<String> conditions =
        jdbc.sql(
                """
                select format('and not exists (select 1 from %I.%I r where %s)',
                              n.nspname, t.relname,
                              string_agg(format('r.%I = b.%I', a.attname, ra.attname), ' and '
                                         order by k.position))
                from pg_constraint c
                join pg_class t on t.oid = c.conrelid
                join pg_namespace n on n.oid = t.relnamespace
                cross join lateral unnest(c.conkey, c.confkey)
                    with ordinality as k(attnum, refnum, position)
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
                join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = k.refnum
                where c.contype = 'f' and c.confrelid = 'inbound_batches'::regclass
                  and c.conparentid = 0
                group by c.oid, n.nspname, t.relname
                order by n.nspname, t.relname, c.oid""")
            .query(String.class)
            .list();
    return String.join(" ", conditions);
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
