package io.airlock.platform.transfer;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.transfer.Channel;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Takes in what arrives in the inbox: as soon as the file system reports a new file, and every scan
 * interval anyway. One instance at a time imports (a singleton job), and each channel's records go
 * to the {@link InboundChannel} that takes them.
 */
public final class InboxImporter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxImporter.class);
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

  private final InboundBatches inbound;
  private final TransferFolders folders;
  private final SingletonJobs jobs;
  private final Map<Channel, RecordApplier> appliers;
  private final InboxProperties properties;
  private final ApplicationEventPublisher events;
  private volatile Thread thread;
  private volatile WatchService watcher;
  private final AtomicLong rounds = new AtomicLong();

  public InboxImporter(
      InboundBatches inbound,
      TransferFolders folders,
      SingletonJobs jobs,
      List<InboundChannel> channels,
      InboxProperties properties,
      ApplicationEventPublisher events) {
    this.inbound = inbound;
    this.folders = folders;
    this.jobs = jobs;
    this.properties = properties;
    this.events = events;
    Map<Channel, RecordApplier> byChannel = new EnumMap<>(Channel.class);
    for (InboundChannel channel : channels) {
      if (byChannel.put(channel.channel(), channel) != null) {
        throw new IllegalStateException("two features take channel " + channel.channel());
      }
    }
    this.appliers = Map.copyOf(byChannel);
  }

  /**
   * Imports everything in the inbox now, unless another instance is importing. Each conflict (a
   * sequence applied before arriving with other content) is published as an application event, for
   * the side to record where its operators look.
   *
   * @return what became of each batch; empty if another instance held the import
   */
  public synchronized List<ImportOutcome> importNow() throws IOException {
    List<ImportOutcome> outcomes =
        jobs.runExclusively("inbox-import", LOCK_AT_MOST, () -> inbound.scan(appliers))
            .orElse(List.of());
    for (ImportOutcome outcome : outcomes) {
      if (outcome instanceof ImportOutcome.Conflict conflict) {
        try {
          events.publishEvent(conflict);
        } catch (RuntimeException e) {
          // The conflict is in the ledger and the link health whatever a listener does.
          log.warn(
              "Recording the conflict of {} batch {} failed: {}",
              conflict.manifest().channel(),
              conflict.manifest().sequence(),
              e.toString());
        }
      }
    }
    return outcomes;
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      return;
    }
    Thread started = new Thread(ApplicationInLogs.carried(this::run), "airlock-inbox");
    started.setDaemon(true);
    thread = started;
    started.start();
  }

  @Override
  public void stop() {
    Thread running = thread;
    thread = null;
    if (running != null) {
      closeWatcher();
      running.interrupt();
      try {
        running.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** How many rounds the background import finished (a round watches, then scans the inbox). */
  long rounds() {
    return rounds.get();
  }

  private void run() {
    while (thread == Thread.currentThread()) {
      if (properties.watch()) {
        // Watching starts before the scan: a file that arrives during the scan wakes the next one,
        // and one that arrived before the watch is found by this one.
        watcher();
      }
      try {
        importNow();
      } catch (IOException | RuntimeException e) {
        // What failed stays in the inbox and is tried again on the next round.
        log.warn("Importing from the inbox failed; retrying: {}", e.toString());
      }
      rounds.incrementAndGet();
      try {
        awaitNewFiles();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Returns when a file appears in the inbox or the scan interval has passed. */
  private void awaitNewFiles() throws InterruptedException {
    long interval = properties.scanInterval().toMillis();
    WatchService service = properties.watch() ? watcher() : null;
    if (service == null) {
      Thread.sleep(interval);
      return;
    }
    try {
      WatchKey key = service.poll(interval, TimeUnit.MILLISECONDS);
      if (key != null) {
        key.pollEvents();
        if (!key.reset()) {
          closeWatcher(); // the inbox went away; registered again once it is back
        }
      }
    } catch (ClosedWatchServiceException e) {
      watcher = null;
    }
  }

  private WatchService watcher() {
    if (watcher == null) {
      try {
        WatchService service = FileSystems.getDefault().newWatchService();
        folders.inbox().register(service, StandardWatchEventKinds.ENTRY_CREATE);
        watcher = service;
      } catch (IOException e) {
        // An inbox not there yet (a share mounted later): the scan interval still applies.
        log.debug("Cannot watch the inbox yet: {}", e.toString());
      }
    }
    return watcher;
  }

  private void closeWatcher() {
    WatchService service = watcher;
    watcher = null;
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        log.debug("Closing the inbox watcher failed: {}", e.toString());
      }
    }
  }
}
