package io.airlock.transfer.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file publication: write under a temporary name, fsync, rename into place, fsync the
 * directory. After a crash a file is either absent or complete; leftovers carry the {@link
 * #TEMPORARY_PREFIX} and never match a batch name.
 */
public final class AtomicFiles {

  /** Prefix of files being written. */
  public static final String TEMPORARY_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code dir/name} atomically and durably. */
  public static void write(Path dir, String name, byte[] bytes) throws IOException {
    Path temporary = dir.resolve(TEMPORARY_PREFIX + name + "-" + UUID.randomUUID());
    try {
      try (FileChannel channel =
          FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(
          temporary,
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    syncDirectory(dir);
  }

  /** Makes a rename or delete in {@code dir} durable. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Deletes temporary files left in {@code dir} by an interrupted write; returns how many. */
  public static int deleteTemporaryFiles(Path dir) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMPORARY_PREFIX + "*")) {
      for (Path file : files) {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    if (deleted > 0) {
      syncDirectory(dir);
    }
    return deleted;
  }
}
