package io.airlock.platform.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who holds a singleton job's lock: this instance, by a name that survives its restarts (kept in
 * {@code <data-dir>/instance-id}) and that no other running instance shares. So an instance that
 * died while holding a lock can take it back when it starts again, instead of waiting for the lock
 * to run out. The file is locked while the instance runs: a second process started on the same data
 * folder gets a name of its own for that run, and so never frees the first one's locks.
 */
final class InstanceId {

  static final String FILE = "instance-id";

  private static final Logger log = LoggerFactory.getLogger(InstanceId.class);
  // Held until the JVM ends; the operating system releases the locks of a killed process.
  private static final List<FileChannel> HELD = new ArrayList<>();

  private InstanceId() {}

  /** The instance's name, {@code <host>/<uuid>}; the uuid is made on first start. */
  static synchronized String of(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      try {
        Files.writeString(
            file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException e) {
        // made by an earlier start: the name to take back
      }
      String id = host() + "/" + Files.readString(file, StandardCharsets.UTF_8).strip();
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (lock(channel)) {
        HELD.add(channel);
        return id;
      }
      channel.close();
      String oneOff = host() + "/" + UUID.randomUUID();
      log.warn(
          "{} is in use by another instance on the same data folder; holding job locks as {}",
          file,
          oneOff);
      return oneOff;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  private static boolean lock(FileChannel channel) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      return lock != null;
    } catch (OverlappingFileLockException e) {
      return false; // this JVM holds it already, for another context on the same folder
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
