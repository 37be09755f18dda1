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

  /** Refused as a whole: moved to {@code failed/} with a reason file; not counted as received. */
  record Rejected(RejectionReason reason, String detail) implements ImportOutcome {}
}
