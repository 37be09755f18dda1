package io.airlock.transfer.records;

/**
 * One payload line as read: a valid record, or an invalid one with the reason it was refused. An
 * invalid record is quarantined by the receiver while the rest of the batch is applied.
 */
public sealed interface RecordLine {

  /** The 1-based line number in the payload. */
  long lineNumber();

  /** A line that decoded to a record valid on its channel. */
  record Valid(long lineNumber, TransferRecord record) implements RecordLine {}

  /**
   * A line that is not a valid record.
   *
   * @param type the {@code type} field if it could be read, else null
   * @param id the {@code id} field if it could be read, else null
   * @param reason why the record was refused, naming the field
   * @param raw the line as received (for the quarantine)
   */
  record Invalid(long lineNumber, String type, String id, String reason, String raw)
      implements RecordLine {}
}
