package io.airlock.transfer.batch;

import java.util.Locale;

/**
 * Why a batch was rejected as a whole. A rejected batch is never partly applied and does not count
 * as received, so a genuine retransmission is still accepted. Listed in the order checks run.
 */
public enum RejectionReason {
  /** The file name is not a batch manifest name. */
  NAME_INVALID,
  /** A batch file is a symbolic or hard link. */
  LINK_REFUSED,
  /** The manifest is absent or not a regular file. */
  MANIFEST_MISSING,
  /** The manifest exceeds the receiver's manifest size limit. */
  MANIFEST_TOO_LARGE,
  /** The manifest is not a well-formed v1 manifest. */
  MANIFEST_MALFORMED,
  /** The manifest is of a format or record schema version this receiver does not read. */
  UNSUPPORTED_VERSION,
  /** The file name disagrees with the manifest (channel, sequence, batch id or payload name). */
  NAME_MISMATCH,
  /** The payload file is absent or not a regular file. */
  PAYLOAD_MISSING,
  /** The payload exceeds the receiver's payload size limit. */
  PAYLOAD_TOO_LARGE,
  /** The payload's size differs from the manifest's. */
  SIZE_MISMATCH,
  /** The payload's SHA-256 differs from the manifest's. */
  CHECKSUM_MISMATCH,
  /** Signatures are required and the manifest has none. */
  SIGNATURE_MISSING,
  /** The manifest is signed with a key the receiver does not trust. */
  UNKNOWN_KEY,
  /** The signature does not verify. */
  SIGNATURE_INVALID,
  /** The payload is not valid gzip. */
  COMPRESSION_CORRUPT,
  /** The payload decompresses to more than the receiver's limit (a decompression bomb). */
  DECOMPRESSED_TOO_LARGE,
  /** A payload line exceeds the receiver's line length limit. */
  LINE_TOO_LONG,
  /** The payload's last line has no line terminator. */
  UNTERMINATED_LINE,
  /** The payload holds more records than the receiver's limit. */
  TOO_MANY_RECORDS,
  /** The payload's line count differs from the manifest's record count. */
  RECORD_COUNT_MISMATCH,
  /** A {@code control} batch carries records; control batches carry only manifest data. */
  CONTROL_HAS_RECORDS,
  /** The files could not be read. */
  IO_ERROR;

  /** The code stored in ledgers and reason files, e.g. {@code checksum_mismatch}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
