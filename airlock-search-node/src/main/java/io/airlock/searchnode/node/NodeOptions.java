package io.airlock.searchnode.node;

import java.nio.file.Path;

/** The command line of {@link SearchNode}. */
record NodeOptions(Path dataDir, int httpPort, boolean sampleData) {

  static final String USAGE =
      "usage: SearchNode --data-dir <dir> [--http-port <n>] [--sample-data]\n"
          + "  --http-port 0 (the default) picks a free port";

  static NodeOptions parse(String... args) {
    Path dataDir = null;
    int httpPort = 0;
    boolean sampleData = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(valueOf(args, ++i));
        case "--http-port" -> httpPort = port(valueOf(args, ++i));
        case "--sample-data" -> sampleData = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    return new NodeOptions(dataDir.toAbsolutePath(), httpPort, sampleData);
  }

  private static String valueOf(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--http-port out of range: " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--http-port is not a number: " + value, e);
    }
  }
}
