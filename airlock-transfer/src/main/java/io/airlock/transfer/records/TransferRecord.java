package io.airlock.transfer.records;

/**
 * One line of a batch payload: a typed record with an id. Every record is idempotent by its type
 * and id, so applying it twice, or out of order, converges to the same state.
 */
public sealed interface TransferRecord
    permits RequestRecord,
        CancelRecord,
        AccountChangeRecord,
        ResultRecord,
        FailureRecord,
        UserRecord,
        ProfileTypeRecord,
        SettingRecord {

  /** The record's id: unique per record type. */
  String id();

  /** The record's wire type. */
  RecordType type();
}
