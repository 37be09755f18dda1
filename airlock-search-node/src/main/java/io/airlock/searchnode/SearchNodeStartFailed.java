package io.airlock.searchnode;

import java.nio.file.Path;
import java.util.List;

/** The search node's JVM could not be started, or did not report ready in time. */
public final class SearchNodeStartFailed extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path dataDir;
  private final List<String> lastOutput;

  SearchNodeStartFailed(String reason, Path dataDir, List<String> lastOutput, Throwable cause) {
    super(message(reason, dataDir, lastOutput), cause);
    this.dataDir = dataDir;
    this.lastOutput = List.copyOf(lastOutput);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The last lines the node wrote, standard output and error interleaved. */
  public List<String> lastOutput() {
    return lastOutput;
  }

  private static String message(String reason, Path dataDir, List<String> lastOutput) {
    StringBuilder message =
        new StringBuilder("search node in ").append(dataDir).append(": ").append(reason);
    if (!lastOutput.isEmpty()) {
      message.append("; last output:");
      lastOutput.forEach(line -> message.append("\n  ").append(line));
    }
    return message.toString();
  }
}
