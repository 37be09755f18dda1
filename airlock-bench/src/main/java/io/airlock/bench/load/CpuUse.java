package io.airlock.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The processor time this machine's processes used over a run, by who used it: this JVM (both of
 * Airlock's sides, and the load generator), PostgreSQL (both sides' servers), the search engine,
 * and the rest. Read from each process's accounted CPU time ({@link ProcessHandle.Info}), before
 * and after; a process that ended meanwhile is left out. It shows where a CPU-bound run's
 * processors went, which thread dumps of one JVM cannot.
 */
final class CpuUse {

  static final String JVM = "Airlock's JVM (both sides, and the load generator)";
  static final String POSTGRES = "PostgreSQL (both sides)";
  static final String ENGINE = "the search engine";
  static final String OTHER = "other processes";

  private final Map<Long, Long> before;

  private CpuUse(Map<Long, Long> before) {
    this.before = before;
  }

  /** Starts counting now. */
  static CpuUse start() {
    Map<Long, Long> nanos = new HashMap<>();
    eachProcess((process, cpuNanos) -> nanos.put(process.pid(), cpuNanos));
    return new CpuUse(nanos);
  }

  /** The processor time used since {@link #start()}, by group, in a fixed order. */
  Map<String, Duration> used() {
    Map<String, Duration> used = new LinkedHashMap<>();
    for (String group : List.of(JVM, POSTGRES, ENGINE, OTHER)) {
      used.put(group, Duration.ZERO);
    }
    long self = ProcessHandle.current().pid();
    eachProcess(
        (process, cpuNanos) ->
            used.merge(
                group(process, self),
                Duration.ofNanos(cpuNanos - before.getOrDefault(process.pid(), 0L)),
                Duration::plus));
    return used;
  }

  /** Each process whose processor time can be read, with it in nanoseconds. */
  private static void eachProcess(BiConsumer<ProcessHandle, Long> action) {
    ProcessHandle.allProcesses()
        .forEach(
            process ->
                process
                    .info()
                    .totalCpuDuration()
                    .ifPresent(cpu -> action.accept(process, cpu.toNanos())));
  }

  /**
   * Lines comparing two runs' processor time in milliseconds per unit of work (a query answered, a
   * thousand records imported), the unit named by {@code heading}.
   */
  static List<String> perUnit(
      String heading,
      String firstName,
      Map<String, Duration> first,
      long firstUnits,
      String secondName,
      Map<String, Duration> second,
      long secondUnits) {
    List<String> lines = new ArrayList<>();
    lines.add("%-52s %20s %20s".formatted(heading, firstName, secondName));
    double firstTotal = 0;
    double secondTotal = 0;
    for (String group : first.keySet()) {
      double a = first.get(group).toNanos() / 1e6 / firstUnits;
      double b = second.getOrDefault(group, Duration.ZERO).toNanos() / 1e6 / secondUnits;
      firstTotal += a;
      secondTotal += b;
      lines.add(String.format(Locale.ROOT, "%-52s %20.2f %20.2f", group, a, b));
    }
    lines.add(String.format(Locale.ROOT, "%-52s %20.2f %20.2f", "all", firstTotal, secondTotal));
    return lines;
  }

  private static String group(ProcessHandle process, long self) {
    if (process.pid() == self) {
      return JVM;
    }
    String command = process.info().commandLine().or(() -> process.info().command()).orElse("");
    if (command.contains("postgres")) {
      return POSTGRES;
    }
    if (command.toLowerCase(Locale.ROOT).contains("opensearch")) {
      return ENGINE;
    }
    return OTHER;
  }
}
