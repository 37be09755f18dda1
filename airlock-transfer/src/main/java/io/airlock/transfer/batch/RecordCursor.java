package io.airlock.transfer.batch;

import io.airlock.transfer.batch.PayloadLines.PayloadProblem;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.RecordLine;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterates the records of a {@link VerifiedBatch}, one line at a time. At the end it checks the
 * payload's checksum and record count again and throws {@link BatchChangedException} if the file
 * changed since it was verified.
 */
public final class RecordCursor implements Iterator<RecordLine>, Closeable {

  private final VerifiedBatch batch;
  private final PayloadLines lines;
  private RecordLine next;
  private boolean finished;

  RecordCursor(VerifiedBatch batch) throws IOException {
    this.batch = batch;
    this.lines =
        new PayloadLines(batch.payloadFile(), batch.manifest().compression(), batch.limits());
  }

  @Override
  public boolean hasNext() {
    if (next == null && !finished) {
      next = read();
    }
    return next != null;
  }

  @Override
  public RecordLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RecordLine line = next;
    next = null;
    return line;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  private RecordLine read() {
    try {
      byte[] line = lines.next();
      if (line != null) {
        return RecordCodec.decode(batch.manifest().channel(), lines.lineCount(), line);
      }
      finished = true;
      String sha256 = lines.finishDigest();
      if (!sha256.equals(batch.manifest().payloadSha256())
          || lines.lineCount() != batch.manifest().recordCount()) {
        throw new BatchChangedException(batch.payloadFile() + " changed after verification");
      }
      return null;
    } catch (PayloadProblem problem) {
      throw new BatchChangedException(
          batch.payloadFile() + " changed after verification: " + problem.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
