package io.airlock.bench;

import io.airlock.bench.codec.CodecBenchmarks;
import io.airlock.bench.load.LoadBenchmarks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the benchmarks and prints each figure next to its baseline of the same run, with whether it
 * meets its target (issue 13); with {@code --record FILE} it also appends them to that file
 * (docs/performance.md), keeping the earlier ones so that a regression shows. {@code --only} runs
 * some parts, separated by commas: {@code codec}, {@code load}, or the load's scenarios ({@code
 * roundtrip}, {@code pipeline}, {@code submit}, {@code import}).
 */
public final class BenchSuite {

  private BenchSuite() {}

  public static void main(String[] args) throws Exception {
    List<String> arguments = Arrays.asList(args);
    String parts = option(arguments, "--only");
    List<String> only = parts == null ? null : Arrays.asList(parts.split(","));
    String recordTo = option(arguments, "--record");
    List<String> entry = new ArrayList<>();
    if (only == null || only.contains("codec")) {
      entry.add(CodecBenchmarks.DESCRIPTION);
      entry.add("");
      entry.addAll(Row.table(CodecBenchmarks.run()));
      entry.add("");
    }
    List<String> scenarios =
        only == null || only.contains("load")
            ? LoadBenchmarks.SCENARIOS
            : LoadBenchmarks.SCENARIOS.stream().filter(only::contains).toList();
    if (!scenarios.isEmpty()) {
      entry.add(LoadBenchmarks.DESCRIPTION);
      entry.add("");
      // The plot goes next to the recorded figures, else into the build's folder.
      Path plots =
          recordTo != null
              ? Path.of(recordTo).toAbsolutePath().getParent()
              : Path.of("airlock-bench", "target");
      entry.addAll(Row.table(LoadBenchmarks.run(scenarios, plots)));
      entry.add("");
      entry.addAll(LoadBenchmarks.profiles());
      entry.add("");
    }
    entry.forEach(System.out::println);
    if (recordTo != null) {
      record(Path.of(recordTo), entry);
    }
    // The standalone's non-daemon threads must not keep the JVM alive once everything is printed.
    System.exit(0);
  }

  private static String option(List<String> arguments, String name) {
    int at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : null;
  }

  private static void record(Path file, List<String> lines) throws IOException {
    StringBuilder entry = new StringBuilder("\n### ");
    entry
        .append(LocalDate.now())
        .append(", commit ")
        .append(System.getProperty("airlock.commit", "unknown"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append("\n");
    lines.forEach(line -> entry.append(line).append('\n'));
    Files.writeString(
        file,
        entry.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
