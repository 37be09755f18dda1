package io.airlock.transfer.batch;

import io.airlock.transfer.Compression;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the lines of a payload file within the receiver's limits, hashing the file's raw bytes on
 * the way. Memory use is bounded by the longest allowed line, whatever the payload's size.
 */
final class PayloadLines implements Closeable {

  private static final int CHUNK = 64 * 1024;

  private final ReceiveLimits limits;
  private final MessageDigest digest = BatchEncoder.sha256();
  private final DigestInputStream raw;
  private final InputStream decoded;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkPosition;
  private int chunkLength;
  private long lines;

  PayloadLines(Path payload, Compression compression, ReceiveLimits limits) throws IOException {
    this.limits = limits;
    this.raw =
        new DigestInputStream(Files.newInputStream(payload, LinkOption.NOFOLLOW_LINKS), digest);
    InputStream decompressed = raw;
    if (compression == Compression.GZIP) {
      try {
        decompressed = new GZIPInputStream(raw, CHUNK);
      } catch (ZipException | EOFException e) {
        raw.close();
        throw new PayloadProblem(RejectionReason.COMPRESSION_CORRUPT, "not a gzip stream");
      }
    }
    this.decoded = new BoundedStream(decompressed, limits.maxDecompressedBytes());
  }

  /** The next line without its terminator, or null at the end of the payload. */
  byte[] next() throws IOException {
    ByteArrayOutputStream line = null;
    while (true) {
      if (chunkPosition == chunkLength && !fill()) {
        if (line != null) {
          throw new PayloadProblem(
              RejectionReason.UNTERMINATED_LINE, "line " + (lines + 1) + " has no terminator");
        }
        return null;
      }
      int start = chunkPosition;
      while (chunkPosition < chunkLength && chunk[chunkPosition] != '\n') {
        chunkPosition++;
      }
      if (line == null) {
        line = new ByteArrayOutputStream();
      }
      if (line.size() + (chunkPosition - start) > limits.maxLineBytes()) {
        throw new PayloadProblem(
            RejectionReason.LINE_TOO_LONG,
            "line " + (lines + 1) + " is longer than " + limits.maxLineBytes() + " bytes");
      }
      line.write(chunk, start, chunkPosition - start);
      if (chunkPosition < chunkLength) {
        chunkPosition++; // the terminator
        if (++lines > limits.maxRecords()) {
          throw new PayloadProblem(
              RejectionReason.TOO_MANY_RECORDS, "more than " + limits.maxRecords() + " records");
        }
        return line.toByteArray();
      }
    }
  }

  /** Lines read so far. */
  long lineCount() {
    return lines;
  }

  /** Reads whatever remains of the raw file and returns its SHA-256; call after the last line. */
  String finishDigest() throws IOException {
    raw.transferTo(OutputStream.nullOutputStream());
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() throws IOException {
    decoded.close();
  }

  private boolean fill() throws IOException {
    try {
      chunkLength = decoded.read(chunk);
    } catch (ZipException | EOFException e) {
      throw new PayloadProblem(RejectionReason.COMPRESSION_CORRUPT, "corrupt gzip stream");
    }
    chunkPosition = 0;
    if (chunkLength <= 0) {
      chunkLength = 0;
      return false;
    }
    return true;
  }

  /** A batch-level problem found while streaming the payload. */
  static final class PayloadProblem extends IOException {
    final RejectionReason reason;

    PayloadProblem(RejectionReason reason, String detail) {
      super(detail);
      this.reason = reason;
    }
  }

  /** Refuses to yield more than {@code limit} bytes: the defence against decompression bombs. */
  private static final class BoundedStream extends FilterInputStream {
    private final long limit;
    private long count;

    BoundedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0 && (count += n) > limit) {
        throw new PayloadProblem(
            RejectionReason.DECOMPRESSED_TOO_LARGE,
            "payload decompresses to more than " + limit + " bytes");
      }
      return n;
    }
  }
}
