package io.airlock.platform.transfer;

import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.records.TransferRecord;

/**
 * A feature's handling of the records of one channel. Called inside the transaction that applies
 * the batch: if it throws, nothing of the batch is applied and the batch stays in the inbox.
 */
@FunctionalInterface
public interface RecordApplier {

  void apply(TransferRecord record, Manifest manifest);
}
