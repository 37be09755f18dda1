package io.airlock.transfer.batch;

import io.airlock.transfer.Compression;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.manifest.ManifestCodec;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.BatchSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Turns an {@link OutgoingBatch} into bytes. Pure and deterministic: records are encoded in a fixed
 * field order, gzip output depends only on its input, and Ed25519 signatures are deterministic, so
 * encoding the same batch again gives byte-identical files.
 */
public final class BatchEncoder {

  private BatchEncoder() {}

  /**
   * Encodes a batch; the manifest is signed by {@code signer}, or left unsigned when it is null.
   */
  public static EncodedBatch encode(OutgoingBatch batch, BatchSigner signer) {
    byte[] payload = payload(batch);
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            batch.batchId(),
            batch.channel(),
            batch.sequence(),
            batch.sender(),
            batch.createdAt(),
            batch.records().size(),
            Manifest.RECORD_SCHEMA_VERSION,
            batch.name().payloadFileName(batch.compression()),
            payload.length,
            sha256Hex(payload),
            batch.compression(),
            batch.acks(),
            batch.highestSent(),
            batch.snapshot(),
            signer == null ? null : signer.keyId());
    byte[] unsigned = ManifestCodec.unsignedBytes(manifest);
    byte[] signature = signer == null ? null : signer.sign(unsigned);
    return new EncodedBatch(manifest, payload, ManifestCodec.fileBytes(unsigned, signature));
  }

  /** Lower-case hex SHA-256. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] payload(OutgoingBatch batch) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out =
        batch.compression() == Compression.GZIP ? new GZIPOutputStream(bytes) : bytes) {
      for (TransferRecord record : batch.records()) {
        out.write(RecordCodec.encodeLine(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory stream failed", e);
    }
    return bytes.toByteArray();
  }
}
