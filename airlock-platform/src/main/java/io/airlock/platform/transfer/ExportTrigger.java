package io.airlock.platform.transfer;

import io.airlock.platform.jobs.SingletonJobs;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an exporter as soon as enough records wait or the oldest has lingered long enough (DESIGN
 * §2): checked often, so a record never waits for a fixed timer. With several instances on one
 * database, one exports at a time and the others skip. A failing export is logged once per outage,
 * not on every check; nothing was marked exported, so the next check tries again.
 */
public final class ExportTrigger {

  private static final Logger log = LoggerFactory.getLogger(ExportTrigger.class);
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

  /** Whether {@code batchTrigger} records wait or the oldest has waited {@code linger}. */
  @FunctionalInterface
  public interface Backlog {
    boolean due(int batchTrigger, Duration linger);
  }

  private final String name;
  private final SingletonJobs jobs;
  private final Backlog backlog;
  private final SingletonJobs.Job<?> export;
  private final int batchTrigger;
  private final Duration linger;
  private boolean failing;

  /**
   * @param name the singleton job's name, also used in log lines
   */
  public ExportTrigger(
      String name,
      SingletonJobs jobs,
      Backlog backlog,
      SingletonJobs.Job<?> export,
      int batchTrigger,
      Duration linger) {
    this.name = name;
    this.jobs = jobs;
    this.backlog = backlog;
    this.export = export;
    this.batchTrigger = batchTrigger;
    this.linger = linger;
  }

  /** Exports if due; called every check interval. */
  public synchronized void check() {
    try {
      if (backlog.due(batchTrigger, linger)) {
        jobs.runExclusively(name, LOCK_AT_MOST, export);
        if (failing) {
          log.info("{} works again", name);
          failing = false;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        log.warn("{} failed; retrying: {}", name, e.toString());
        failing = true;
      } else {
        log.debug("{} still failing: {}", name, e.toString());
      }
    }
  }
}
