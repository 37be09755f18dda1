package io.airlock.platform.transfer;

import io.airlock.transfer.batch.RejectionReason;
import io.airlock.transfer.manifest.Manifest;

/** What became of one arriving batch. */
public sealed interface ImportOutcome {

  /** Applied in one transaction; invalid records were quarantined, the rest applied. */
  record Imported(Manifest manifest, int applied, int quarantined) implements ImportOutcome {}

  /** Already applied with the same content: archived, counted, not applied again. */
  record Duplicate(Manifest manifest) implements ImportOutcome {}

  /** The same sequence was applied with other content: moved to {@code failed/} and alerted. */
  record Conflict(Manifest manifest, String appliedSha256) implements ImportOutcome {}

  /**
   * Could not be applied this time (the feature failed, the database was unreachable): nothing of
   * it was applied, it stays in the inbox and is tried again on the next scan, and the batches
   * after it are not held up.
   */
  record Failed(String fileName, String reason) implements ImportOutcome {}

  /** Refused as a whole: moved to {@code failed/} with a reason file; not counted as received. */
  record Rejected(RejectionReason reason, String detail) implements ImportOutcome {}
}
