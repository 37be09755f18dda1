package io.airlock.transfer.batch;

/**
 * What a receiver is prepared to read. Senders cap their batches below these ({@link
 * SenderLimits}).
 *
 * @param maxManifestBytes largest manifest file
 * @param maxPayloadBytes largest payload file as stored (compressed or not)
 * @param maxDecompressedBytes most bytes a payload may decompress to
 * @param maxLineBytes longest payload line, terminator excluded
 * @param maxRecords most lines in one payload
 */
public record ReceiveLimits(
    int maxManifestBytes,
    long maxPayloadBytes,
    long maxDecompressedBytes,
    int maxLineBytes,
    int maxRecords) {

  /** 64 KiB manifests, 256 MiB payloads, 1 GiB decompressed, 16 MiB lines, 100,000 records. */
  public static final ReceiveLimits DEFAULTS =
      new ReceiveLimits(64 * 1024, 256L << 20, 1L << 30, 16 << 20, 100_000);

  public ReceiveLimits {
    if (maxManifestBytes < 1
        || maxPayloadBytes < 1
        || maxDecompressedBytes < 1
        || maxLineBytes < 1
        || maxRecords < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
