package io.airlock.transfer.batch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a {@link BatchWriter} puts its files. The one real implementation is {@link #ATOMIC}; the
 * seam exists so that a full disk or a failing share can be simulated where permissions cannot (a
 * node running as root writes anywhere).
 */
@FunctionalInterface
public interface FileSink {

  /** Writes {@code dir/name} atomically and durably, as {@link AtomicFiles#write} does. */
  void write(Path dir, String name, byte[] bytes) throws IOException;

  /** Atomic, durable writes to the local file system. */
  FileSink ATOMIC = AtomicFiles::write;
}
