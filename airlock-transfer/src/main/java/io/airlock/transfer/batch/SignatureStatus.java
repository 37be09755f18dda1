package io.airlock.transfer.batch;

/** What signature verification established about an accepted batch. */
public enum SignatureStatus {
  /** Signed by a trusted key and verified. */
  VERIFIED,
  /** Signatures are disabled on this receiver: nothing was checked. */
  NOT_CHECKED
}
