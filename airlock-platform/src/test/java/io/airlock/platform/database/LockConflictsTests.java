package io.airlock.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class LockConflictsTests {

  @Test
  void triesAWriteAgainThatLostADeadlock() {
    AtomicInteger attempts = new AtomicInteger();

    String written =
        LockConflicts.retried(
            () -> {
              if (attempts.incrementAndGet() < LockConflicts.ATTEMPTS) {
                throw new CannotAcquireLockException("deadlock detected");
              }
              return "written";
            });

    assertThat(written).isEqualTo("written");
    assertThat(attempts).hasValue(LockConflicts.ATTEMPTS);
  }

  @Test
  void givesUpAfterItsLastAttempt() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                LockConflicts.retried(
                    () -> {
                      attempts.incrementAndGet();
                      throw new CannotAcquireLockException("deadlock detected");
                    }))
        .isInstanceOf(CannotAcquireLockException.class);
    assertThat(attempts).hasValue(LockConflicts.ATTEMPTS);
  }

  @Test
  void neverTriesAgainWhatFailedForAnotherReason() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                LockConflicts.retried(
                    () -> {
                      attempts.incrementAndGet();
                      throw new DataIntegrityViolationException("duplicate key");
                    }))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(attempts).hasValue(1);
  }
}
