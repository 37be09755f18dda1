package io.airlock.platform.transfer;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.signals.DatabaseSignals;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an exporter when records wait (DESIGN §2), with an adaptive linger: at once while the last
 * batch of its channel has been carried away, and only while one still waits in the outbox does it
 * linger to gather {@code batchTrigger} records or let the oldest wait {@code linger}, so batches
 * grow only when the gap is behind. It runs when the database signals new records ({@link
 * #checkOnSignal}: the sides' triggers notify {@link #EXPORT_CHANNEL} when records commit), and on
 * a schedule as the backstop. With several instances on one database, one exports at a time and the
 * others skip. A failing export is logged once per outage, not on every check; nothing was marked
 * exported, so the next check tries again.
 */
public final class ExportTrigger {

  /** The signal channel the sides' triggers notify when records to export commit. */
  public static final String EXPORT_CHANNEL = "airlock_export";

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
  private final BooleanSupplier behind;
  private final SingletonJobs.Job<?> export;
  private final int batchTrigger;
  private final Duration linger;
  private final Executor executor;
  private final AtomicBoolean checkRequested = new AtomicBoolean();
  // A check runs (on one thread at a time); another was asked for meanwhile.
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  // Only read and written by the running check.
  private volatile boolean failing;

  /**
   * @param name the singleton job's name, also used in log lines
   * @param behind whether a batch of this exporter's channel still waits in the outbox
   * @param executor where a check the signal asks for runs (not on the signal's thread)
   */
  public ExportTrigger(
      String name,
      SingletonJobs jobs,
      Backlog backlog,
      BooleanSupplier behind,
      SingletonJobs.Job<?> export,
      int batchTrigger,
      Duration linger,
      Executor executor) {
    this.name = name;
    this.jobs = jobs;
    this.backlog = backlog;
    this.behind = behind;
    this.export = export;
    this.batchTrigger = batchTrigger;
    this.linger = linger;
    this.executor = executor;
  }

  /** Checks whenever {@code signals} says records to export committed. */
  public void checkOnSignal(DatabaseSignals signals) {
    signals.subscribe(EXPORT_CHANNEL, this::checkSoon);
  }

  /** Asks for a check on the executor; asks made before it starts are one. */
  public void checkSoon() {
    if (checkRequested.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              checkRequested.set(false);
              check();
            });
      } catch (RejectedExecutionException e) {
        // Shutting down: the check is not needed any more.
        checkRequested.set(false);
      }
    }
  }

  /**
   * Exports if due; called by the schedule and when the signal comes. A check asked for while one
   * runs does not wait for it (nor hold a scheduler thread): the running one checks once more.
   */
  public void check() {
    again.set(true);
    while (again.get() && running.compareAndSet(false, true)) {
      try {
        while (again.getAndSet(false)) {
          checkOnce();
        }
      } finally {
        running.set(false);
      }
    }
  }

  private void checkOnce() {
    try {
      if (backlog.due(batchTrigger, behind.getAsBoolean() ? linger : Duration.ZERO)) {
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
