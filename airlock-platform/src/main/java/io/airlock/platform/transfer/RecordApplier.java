package io.airlock.platform.transfer;

import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.TransferRecord;
import java.util.List;

/**
 * A feature's handling of the records of one channel. Called inside the transaction that applies
 * the batch: if it throws, nothing of the batch is applied and the batch stays in the inbox.
 */
@FunctionalInterface
public interface RecordApplier {

  void apply(TransferRecord record, AppliedBatch batch);

  /**
   * Applies consecutive valid records of one batch, in their order, as {@link #apply} would one by
   * one. A channel that can take many records with a few statements overrides it: the importer
   * hands over runs of up to {@link #MAX_RUN} records.
   */
  default void applyAll(List<TransferRecord> records, AppliedBatch batch) {
    records.forEach(record -> apply(record, batch));
  }

  /** The most records one {@link #applyAll} call takes. */
  int MAX_RUN = 1_000;

  /**
   * Does the work on a run of valid records that needs neither the database nor anything applied
   * before the run (checking them against fixed rules, hashing, serialising), and returns what then
   * applies the run. The importer calls it ahead, on a thread of its own, while the run before is
   * being applied in the batch's transaction: the two overlap. It runs outside that transaction, so
   * it must not touch the database. By default nothing is done ahead.
   */
  default PreparedRun prepare(List<TransferRecord> run) {
    return batch -> applyAll(run, batch);
  }

  /** A run of records prepared ahead ({@link #prepare}), to apply in the batch's transaction. */
  @FunctionalInterface
  interface PreparedRun {
    void apply(AppliedBatch batch);
  }

  /**
   * Called after an invalid record of this channel was quarantined, in the same transaction, so a
   * feature can answer what the record was about (DESIGN §2: a request the peer is waiting for is
   * failed with the reason, never left unanswered). {@link RecordLine.Invalid#id()} and {@link
   * RecordLine.Invalid#type()} are set when they could be read.
   */
  default void refused(RecordLine.Invalid line, AppliedBatch batch) {}
}
