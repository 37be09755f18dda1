package io.airlock.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running by a node that was killed: the postmaster daemonises, so it outlives
 * the JVM that started it, and while it runs it holds the data directory and the next start fails.
 */
final class OrphanedPostmaster {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

  /** The lock file zonky's EmbeddedPostgres holds for as long as it runs the data directory. */
  private static final String OWNER_LOCK = "epg-lock";

  private OrphanedPostmaster() {}

  static void stopIfAny(Path dataDirectory, Duration timeout) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile) || ownedByLiveProcess(dataDirectory)) {
      // Owned: starting fails on the lock with a clear message, which is what we want.
      return;
    }
    Optional<ProcessHandle> postmaster = postmaster(Files.readAllLines(pidFile));
    if (postmaster.isEmpty()) {
      return; // a stale pid file, which PostgreSQL clears itself
    }
    log.warn(
        "Stopping PostgreSQL (pid {}) left running on {} by a node that did not shut down",
        postmaster.get().pid(),
        dataDirectory);
    // SIGTERM is a "smart" shutdown: it completes once the dead node's connections are gone.
    postmaster.get().destroy();
    try {
      postmaster.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping the orphaned PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          "Orphaned PostgreSQL (pid " + postmaster.get().pid() + ") did not stop within " + timeout,
          e);
    }
  }

  private static boolean ownedByLiveProcess(Path dataDirectory) throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                dataDirectory.resolve(OWNER_LOCK),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      return lock == null;
    } catch (OverlappingFileLockException e) {
      return true; // owned by this very JVM
    }
  }

  private static Optional<ProcessHandle> postmaster(List<String> pidFileLines) {
    if (pidFileLines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(pidFileLines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    // Only ever signal a process that is a PostgreSQL server: the pid may have been reused.
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
  }
}
