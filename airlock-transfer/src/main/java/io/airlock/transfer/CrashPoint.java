package io.airlock.transfer;

/**
 * Named places where a crash is most likely to leave half-done work, so that crash tests can kill a
 * node exactly there. Inert unless the JVM was started with {@code -Dairlock.crash-at=NAME} or
 * {@code -Dairlock.crash-at=NAME:N} (halt on the N-th time {@code NAME} is reached): then the JVM
 * halts on the spot, as {@code kill -9} would, without shutdown hooks, finally blocks or flushes.
 * Never set that property outside a test.
 */
public enum CrashPoint {
  /** A batch's sequence and records are committed to the ledger; no file written yet. */
  AFTER_ALLOCATION("after-allocation"),
  /** The payload is renamed into the outbox; its manifest is not written yet. */
  AFTER_PAYLOAD_RENAME("after-payload-rename"),
  /** The manifest is renamed into the outbox; the ledger does not yet say published. */
  AFTER_MANIFEST_RENAME("after-manifest-rename"),
  /** A received batch is applied inside its transaction, not yet committed. */
  BEFORE_IMPORT_COMMIT("before-import-commit"),
  /** A received batch is committed; its files are still in the inbox. */
  AFTER_IMPORT_COMMIT("after-import-commit");

  /** The exit status of a JVM halted at a crash point. */
  public static final int EXIT_STATUS = 86;

  private static final String ARMED = System.getProperty("airlock.crash-at", "");
  private static int passes;

  private final String wireName;

  CrashPoint(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Halts the JVM if this is the armed crash point and its count has come. */
  public void reach() {
    if (ARMED.isEmpty()) {
      return;
    }
    String[] armed = ARMED.split(":", 2);
    if (!armed[0].equals(wireName)) {
      return;
    }
    int haltOn = armed.length == 2 ? Integer.parseInt(armed[1]) : 1;
    synchronized (CrashPoint.class) {
      if (++passes >= haltOn) {
        System.err.println("airlock: halting at crash point " + wireName);
        Runtime.getRuntime().halt(EXIT_STATUS);
      }
    }
  }
}
