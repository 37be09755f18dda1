package io.airlock.responseside.search;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;

/**
 * A second line of defence behind the index allow-list: whether the engine account this side uses
 * can read indices outside the allowed ones (README, "A search account that can read only the
 * allowed indices"). Checked once the side is ready, on the side's scheduler so that a slow engine
 * does not hold the start, and again later while the engine does not answer. An account that reads
 * too much is a WARN in the log and a warning in the {@code searchAccount} health.
 */
class SearchAccountCheck implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SearchAccountCheck.class);

  private static final Backoff RETRY =
      new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), RandomGenerator.getDefault());

  /** An outcome and when it was found. */
  record Checked(AccountCheck outcome, Instant at) {}

  private final AccountInspection inspection;
  private final AllowedIndices allowedIndices;
  private volatile Checked latest;
  private volatile ScheduledFuture<?> next;

  SearchAccountCheck(SearchEngine engine, AllowedIndices allowedIndices) {
    this.inspection = new AccountInspection(engine);
    this.allowedIndices = allowedIndices;
  }

  /**
   * Checks the account on {@code scheduler} now, off the thread that starts the side, and again
   * with a growing pause while the engine does not answer.
   */
  void checkOn(TaskScheduler scheduler) {
    next = scheduler.schedule(() -> attempt(scheduler, 1), Instant.now());
  }

  /**
   * Checks the account now, keeps the outcome for health and logs it; a warning is logged once, not
   * again while the next runs find the same.
   */
  synchronized AccountCheck run() {
    AccountCheck outcome = inspection.inspect(allowedIndices.names());
    Checked previous = latest;
    latest = new Checked(outcome, Instant.now());
    if (previous != null && previous.outcome().equals(outcome)) {
      return outcome;
    }
    if (outcome instanceof AccountCheck.Overreaching) {
      log.warn("Search account check: {}", outcome.summary());
    } else {
      log.info("Search account check: {}", outcome.summary());
    }
    return outcome;
  }

  /** The outcome of the last run, empty until one has finished. */
  Optional<Checked> latest() {
    return Optional.ofNullable(latest);
  }

  private void attempt(TaskScheduler scheduler, int attempt) {
    try {
      if (!(run() instanceof AccountCheck.Postponed)) {
        return;
      }
    } catch (RuntimeException e) {
      // The allowed indices come from the database, which may be away for a moment too.
      log.warn("Checking the search account failed; trying again: {}", e.toString());
    }
    next =
        scheduler.schedule(
            () -> attempt(scheduler, attempt + 1), Instant.now().plus(RETRY.before(attempt)));
  }

  @Override
  public void destroy() {
    ScheduledFuture<?> pending = next;
    if (pending != null) {
      pending.cancel(true);
    }
  }
}
