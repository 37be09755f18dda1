package io.airlock.platform.database;

import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs a write again when PostgreSQL aborted it to break a deadlock (or a lock wait failed): for
 * writes that lock several rows in one transaction, where another transaction may lock some of them
 * in another order. The aborted attempt committed nothing, so trying again is safe.
 */
public final class LockConflicts {

  /** Attempts in all before the conflict is thrown. */
  static final int ATTEMPTS = 3;

  private LockConflicts() {}

  /** {@code write}'s result, tried again up to {@value #ATTEMPTS} times in all on a conflict. */
  public static <T> T retried(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (PessimisticLockingFailureException conflict) {
        if (attempt == ATTEMPTS) {
          throw conflict;
        }
      }
    }
  }
}
