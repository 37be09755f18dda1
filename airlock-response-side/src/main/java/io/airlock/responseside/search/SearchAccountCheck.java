package io.airlock.responseside.search;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A second line of defence behind the index allow-list: whether the engine account this side uses
 * can read indices outside the allowed ones (README, "A search account that can read only the
 * allowed indices"). Checked once the side is ready, on a thread of its own so that a slow engine
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
  private volatile Thread thread;

  SearchAccountCheck(SearchEngine engine, AllowedIndices allowedIndices) {
    this.inspection = new AccountInspection(engine);
    this.allowedIndices = allowedIndices;
  }

  @EventListener(ApplicationReadyEvent.class)
  void checkInBackground() {
    Thread started = new Thread(this::runUntilAnswered, "airlock-search-account");
    started.setDaemon(true);
    thread = started;
    started.start();
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

  private void runUntilAnswered() {
    for (int retry = 1; thread == Thread.currentThread(); retry++) {
      try {
        if (!(run() instanceof AccountCheck.Postponed)) {
          return;
        }
      } catch (RuntimeException e) {
        // The allowed indices come from the database, which may be away for a moment too.
        log.warn("Checking the search account failed; trying again: {}", e.toString());
      }
      try {
        Thread.sleep(RETRY.before(retry).toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void destroy() {
    Thread running = thread;
    thread = null;
    if (running != null) {
      running.interrupt();
    }
  }
}
