package io.airlock.e2e;

import java.io.IOException;
import java.util.Arrays;

/**
 * The entry point of a {@link SideProcess}: runs the side's {@code main}, and halts the JVM as soon
 * as its standard input closes, which happens when the test JVM that started it ends, however it
 * ends. So a killed or timed-out test run leaves no side running.
 */
final class ChildJvm {

  private ChildJvm() {}

  /** {@code args[0]} is the application class; the rest are its arguments. */
  public static void main(String[] args) throws Exception {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // nothing is ever written; only the end of the stream matters
                }
              } catch (IOException e) {
                // a broken pipe is an end, too
              }
              Runtime.getRuntime().halt(1);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Class.forName(args[0])
        .getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
