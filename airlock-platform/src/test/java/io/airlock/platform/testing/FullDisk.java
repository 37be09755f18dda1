package io.airlock.platform.testing;

import io.airlock.transfer.batch.FileSink;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A full disk under a side's outbox, simulated where batch files are written (the tests run as
 * root, so permissions cannot make a folder refuse writes). A test imports {@link Sink} and says
 * when the disk is full; free it after each test.
 */
public final class FullDisk {

  private static final AtomicBoolean FULL = new AtomicBoolean();

  private FullDisk() {}

  public static void fill() {
    FULL.set(true);
  }

  public static void free() {
    FULL.set(false);
  }

  /** Writes batch files as usual, except while the disk is full. */
  @TestConfiguration
  public static class Sink {
    @Bean
    FileSink fullWhenTold() {
      return (dir, name, bytes) -> {
        if (FULL.get()) {
          throw new IOException("No space left on device");
        }
        FileSink.ATOMIC.write(dir, name, bytes);
      };
    }
  }
}
