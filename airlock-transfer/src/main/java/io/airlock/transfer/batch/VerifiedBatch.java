package io.airlock.transfer.batch;

import io.airlock.transfer.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A batch that passed verification. Its records are streamed by {@link #openRecords()}; apply them
 * in one transaction, since a payload that changed after verification aborts the stream with {@link
 * BatchChangedException}.
 */
public record VerifiedBatch(
    Manifest manifest,
    Path manifestFile,
    Path payloadFile,
    SignatureStatus signature,
    ReceiveLimits limits) {

  /** Streams the batch's records, each decoded or marked invalid with its reason. */
  public RecordCursor openRecords() throws IOException {
    return new RecordCursor(this);
  }
}
