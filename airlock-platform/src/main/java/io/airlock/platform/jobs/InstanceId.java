package io.airlock.platform.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Who holds a singleton job's lock: this instance, by a name that survives its restarts (kept in
 * {@code <data-dir>/instance-id}) and that no other instance shares. So an instance that died while
 * holding a lock can take it back when it starts again, instead of waiting for the lock to run out.
 */
final class InstanceId {

  static final String FILE = "instance-id";

  private InstanceId() {}

  /** The instance's name, {@code <host>/<uuid>}; the uuid is made on first start. */
  static String of(Path dataDir) {
    try {
      Path file = dataDir.resolve(FILE);
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
      }
      return host() + "/" + Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + dataDir.resolve(FILE), e);
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
