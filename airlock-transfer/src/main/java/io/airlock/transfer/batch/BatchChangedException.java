package io.airlock.transfer.batch;

/**
 * The payload changed between verification and reading. Callers apply records inside one
 * transaction, so this aborts the whole batch: it is never half-applied.
 */
public final class BatchChangedException extends RuntimeException {

  BatchChangedException(String message) {
    super(message);
  }
}
