package io.airlock.platform.database;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must only count what committed: metrics, spans and log lines about rows a rolled-back
 * transaction would take back (and its retry write again).
 */
public final class AfterCommit {

  private AfterCommit() {}

  /** Runs {@code action} once the current transaction commits; at once outside of one. */
  public static void run(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }
}
