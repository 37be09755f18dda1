package io.airlock.bench;

import io.airlock.bench.codec.CodecBenchmarks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints each figure as a ratio to its baseline of the same run, with
 * whether it meets its target (issue 13); with {@code --record FILE} it also appends them to that
 * file (docs/performance.md), keeping the earlier ones so that a regression shows.
 */
public final class BenchSuite {

  /** A figure: a measured throughput against its baseline's, and the ratio it must reach. */
  record Figure(String what, String measured, String baseline, double target) {}

  private static final List<Figure> FIGURES =
      List.of(
          new Figure("encode request records", "encode requests", "jacksonWrite requests", 0.5),
          new Figure("decode request records", "decode requests", "jacksonRead requests", 0.5),
          new Figure("encode result records", "encode results", "jacksonWrite results", 0.5),
          new Figure("decode result records", "decode results", "jacksonRead results", 0.5));

  private BenchSuite() {}

  public static void main(String[] args) throws RunnerException, IOException {
    Options options =
        new OptionsBuilder()
            .include(CodecBenchmarks.class.getSimpleName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .build();
    Map<String, Double> perSecond = perSecond(new Runner(options).run());
    List<String> lines = new ArrayList<>();
    lines.add("| figure | ops/s | baseline ops/s | ratio | target | |");
    lines.add("|---|---|---|---|---|---|");
    for (Figure figure : FIGURES) {
      double measured = perSecond.get(figure.measured());
      double baseline = perSecond.get(figure.baseline());
      double ratio = measured / baseline;
      lines.add(
          "| %s | %.1f | %.1f (%s) | %.0f%% | ≥ %.0f%% | %s |"
              .formatted(
                  figure.what(),
                  measured,
                  baseline,
                  figure.baseline(),
                  ratio * 100,
                  figure.target() * 100,
                  ratio >= figure.target() ? "pass" : "FAIL"));
    }
    lines.forEach(System.out::println);
    if (args.length == 2 && args[0].equals("--record")) {
      record(Path.of(args[1]), lines);
    }
  }

  // Each benchmark by its name and records, e.g. "decode results"; one op is a set of
  // CodecBenchmarks.RECORDS records.
  private static Map<String, Double> perSecond(Collection<RunResult> results) {
    Map<String, Double> perSecond = new LinkedHashMap<>();
    for (RunResult result : results) {
      String label =
          result.getPrimaryResult().getLabel() + " " + result.getParams().getParam("records");
      perSecond.put(label, result.getPrimaryResult().getScore());
    }
    return perSecond;
  }

  private static void record(Path file, List<String> table) throws IOException {
    StringBuilder entry = new StringBuilder("\n### ");
    entry
        .append(LocalDate.now())
        .append(", commit ")
        .append(System.getProperty("airlock.commit", "unknown"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append("\nCodec (JMH, 1 fork, 5 × 2 s; one op = ")
        .append(CodecBenchmarks.RECORDS)
        .append(" records)\n\n");
    table.forEach(line -> entry.append(line).append('\n'));
    Files.writeString(
        file,
        entry.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
