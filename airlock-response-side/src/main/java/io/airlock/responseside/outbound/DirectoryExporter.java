package io.airlock.responseside.outbound;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.transfer.InboundBatches;
import io.airlock.platform.transfer.ManifestExtras;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.DirectoryChanges;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.BatchCut;
import io.airlock.transfer.batch.SenderLimits;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.records.UserRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends the directory's changes to the request side: users (never high-side-only accounts), profile
 * types and settings changed since the last export, in version order, in batches capped by count
 * and bytes. The export watermark moves inside each batch's allocation transaction, so a change is
 * in exactly one batch whatever crashes.
 */
@Component
class DirectoryExporter implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(DirectoryExporter.class);

  private final Directory directory;
  private final OutboundBatches outbound;
  private final InboundBatches inbound;
  private final JdbcClient jdbc;
  private final SingletonJobs jobs;
  private final Duration interval;

  DirectoryExporter(
      Directory directory,
      OutboundBatches outbound,
      InboundBatches inbound,
      JdbcClient jdbc,
      SingletonJobs jobs,
      @Value("${airlock.directory.export-interval:1s}") Duration interval) {
    this.interval = interval;
    this.directory = directory;
    this.outbound = outbound;
    this.inbound = inbound;
    this.jdbc = jdbc;
    this.jobs = jobs;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(new FixedDelayTask(this::exportOnSchedule, interval, interval));
  }

  void exportOnSchedule() {
    try {
      // With several instances on one database, one exports at a time; the others skip.
      jobs.runExclusively("directory-export", Duration.ofMinutes(10), this::exportChanges);
    } catch (IOException | RuntimeException e) {
      // Nothing was marked exported; the next run tries again.
      log.warn("Directory export failed; retrying: {}", e.toString());
    }
  }

  /** Exports everything changed since the last export; returns the number of batches sent. */
  synchronized int exportChanges() throws IOException {
    int batches = 0;
    while (true) {
      long since = jdbc.sql("select last_version from directory_export").query(Long.class).single();
      DirectoryChanges changes = directory.changedSince(since);
      List<TransferRecord> records = inVersionOrder(changes);
      if (records.isEmpty()) {
        if (changes.asOf() > since) {
          saveWatermark(since, changes.asOf()); // only never-exported accounts changed
        }
        return batches;
      }
      BatchCut<TransferRecord> cut = BatchCut.of(records, SenderLimits.DEFAULTS);
      cut.oversized()
          .forEach(
              record ->
                  log.error(
                      "Directory record {} {} is larger than any batch and is not exported",
                      record.type().wireName(),
                      record.id()));
      List<TransferRecord> included = cut.included();
      int taken = included.size() + cut.oversized().size();
      long watermark = taken == records.size() ? changes.asOf() : version(records.get(taken - 1));
      if (included.isEmpty()) {
        saveWatermark(since, watermark);
        continue;
      }
      outbound.send(
          Channel.DIRECTORY,
          included,
          Compression.GZIP,
          new ManifestExtras(inbound.acks(), Map.of(), null),
          sequence -> saveWatermark(since, watermark));
      batches++;
    }
  }

  /**
   * Moves the watermark only from where this run read it: another instance that exported in the
   * meantime makes this fail, which rolls back this run's allocation instead of exporting twice.
   */
  private void saveWatermark(long since, long version) {
    int moved =
        jdbc.sql(
                "update directory_export set last_version = :version, updated_at = now()"
                    + " where last_version = :since")
            .param("version", version)
            .param("since", since)
            .update();
    if (moved == 0) {
      throw new IllegalStateException("another exporter moved the directory watermark first");
    }
  }

  private static List<TransferRecord> inVersionOrder(DirectoryChanges changes) {
    List<TransferRecord> records = new ArrayList<>();
    records.addAll(changes.profileTypes());
    records.addAll(changes.settings());
    records.addAll(changes.users());
    records.sort(Comparator.comparingLong(DirectoryExporter::version));
    return records;
  }

  private static long version(TransferRecord record) {
    if (record instanceof UserRecord user) {
      return user.version();
    }
    if (record instanceof ProfileTypeRecord type) {
      return type.version();
    }
    return ((SettingRecord) record).version();
  }
}
