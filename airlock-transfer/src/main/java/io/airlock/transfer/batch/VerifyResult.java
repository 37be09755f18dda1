package io.airlock.transfer.batch;

import io.airlock.transfer.manifest.Manifest;

/** The outcome of verifying a batch: a value, never a half-read batch. */
public sealed interface VerifyResult {

  /** A batch that passed every batch-level check; its records can now be streamed. */
  record Accepted(VerifiedBatch batch) implements VerifyResult {}

  /**
   * A batch refused as a whole.
   *
   * @param manifest the manifest if it could be parsed (to record who sent what), else null
   */
  record Rejected(RejectionReason reason, String detail, Manifest manifest)
      implements VerifyResult {}
}
