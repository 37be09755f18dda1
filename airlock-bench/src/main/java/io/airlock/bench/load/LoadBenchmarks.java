package io.airlock.bench.load;

import io.airlock.bench.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The standalone under load (issue 13): submit throughput and latency against the liveness probe of
 * the same side (and at 1 to 64 connections), the pipeline's drain rate against the engine
 * answering the same queries directly, the idle round trip with a fast and with the default
 * shuttle, the cache-hit path, and the import of a large batch ({@link ImportBenchmark}).
 */
public final class LoadBenchmarks {

  public static final String DESCRIPTION =
      "Load (the standalone on this machine, API-key auth, limits on and above the load;"
          + " closed loops of 32 connections, 15 s measured after a warm-up; profiles taken in"
          + " runs of their own): submit against the liveness probe of the same side, the"
          + " pipeline against the engine answering the same queries directly, the idle round"
          + " trip and the cache-hit path one request at a time, and the import of one large"
          + " batch against PostgreSQL COPY.";

  static final int CONNECTIONS = 32;
  static final int PIPELINE_REQUESTS = 4_700;
  static final Duration WARMUP = Duration.ofSeconds(5);
  // At most this many warm-up runs of WARMUP for the probe and for submit each (JitWarmup): the
  // submit path is long (HTTP, JSON, the grammar, the limits, the group commit), and the JIT takes
  // longer over it than over the probe's.
  private static final int SUBMIT_WARMUP_ROUNDS = 6;
  static final Duration MEASURED = Duration.ofSeconds(15);
  // How long a profile is taken for, apart from the measured run.
  static final Duration PROFILED = Duration.ofSeconds(5);
  static final int ROUND_TRIPS = 40;
  // Round trips made before the measured ones, to wake every path up.
  static final int WARMUP_TRIPS = 3;
  // Connections the submit path is plotted at, each run briefly.
  static final int[] SWEEP = {1, 2, 4, 8, 16, 32, 64};
  static final Duration SWEEP_WARMUP = Duration.ofSeconds(2);
  static final Duration SWEEP_MEASURED = Duration.ofSeconds(4);

  // Each scenario asks its own queries, so that none is answered from another's cache entry.
  private static final long ROUND_TRIP_QUERIES = 0;
  private static final long PIPELINE_QUERIES = 1_000_000;
  private static final long SUBMIT_QUERIES = 2_000_000;
  private static final long PIPELINE_WARMUP_QUERIES = 5_000_000;
  private static final long BACKLOG_QUERIES = 3_000_000;
  // At most this many warm-up drains through Airlock (JitWarmup).
  private static final int PIPELINE_WARMUP_ROUNDS = 12;

  private static final String SUBMIT_HANDLER = "io.airlock.requestside.requests.RequestController";

  // What the scenarios found beside their figures (profiles, stage times, batches, the sweep), by
  // heading.
  static final Map<String, List<String>> PROFILES = new LinkedHashMap<>();

  private LoadBenchmarks() {}

  /** What the scenarios found beside their figures, under their headings. */
  public static List<String> profiles() {
    List<String> lines = new ArrayList<>();
    PROFILES.forEach(
        (scenario, profile) -> {
          lines.add(scenario + ":");
          lines.add("```");
          lines.addAll(profile);
          lines.add("```");
        });
    return lines;
  }

  /**
   * The scenarios, each run on its own: {@code roundtrip}, {@code pipeline}, {@code submit}, {@code
   * import}.
   */
  public static final List<String> SCENARIOS = List.of("roundtrip", "pipeline", "submit", "import");

  /** Runs the given scenarios, in the order of {@link #SCENARIOS}. */
  public static List<Row> run(List<String> scenarios, Path plots) throws Exception {
    List<Row> rows = new ArrayList<>();
    if (scenarios.stream().anyMatch(List.of("roundtrip", "pipeline", "submit")::contains)) {
      try (BenchAirlock airlock = BenchAirlock.start(Duration.ofMillis(20))) {
        if (scenarios.contains("roundtrip")) {
          rows.add(roundTrip(airlock, Duration.ofMillis(20), "20 ms", 150, ROUND_TRIP_QUERIES));
          rows.add(cacheHit(airlock, ROUND_TRIP_QUERIES));
        }
        if (scenarios.contains("pipeline")) {
          rows.addAll(pipeline(airlock));
        }
        if (scenarios.contains("submit")) {
          rows.addAll(submit(airlock, plots));
        }
      }
    }
    if (scenarios.contains("roundtrip")) {
      try (BenchAirlock airlock = BenchAirlock.start(Duration.ofMillis(200))) {
        rows.add(
            roundTrip(
                airlock, Duration.ofMillis(200), "200 ms (default)", 400, ROUND_TRIP_QUERIES));
      }
    }
    if (scenarios.contains("import")) {
      // A standalone of its own: the batch leaves 100,000 queued requests behind.
      try (BenchAirlock airlock = BenchAirlock.start(Duration.ofMillis(20))) {
        rows.addAll(ImportBenchmark.run(airlock));
      }
    }
    return rows;
  }

  /**
   * One request at a time on an idle Airlock: from submission until its answer can be read. Each is
   * submitted at a random moment of the shuttle's interval, as an idle system's requests come: one
   * submitted as soon as the previous was answered would come just after the shuttle's move that
   * brought that answer, and wait the longest for the next.
   */
  private static Row roundTrip(
      BenchAirlock airlock, Duration interval, String shuttle, double targetMs, long first)
      throws Exception {
    double[] millis = new double[ROUND_TRIPS];
    java.util.Random phase = new java.util.Random(first);
    for (int i = -WARMUP_TRIPS; i < ROUND_TRIPS; i++) {
      Thread.sleep(phase.nextLong(interval.toMillis()));
      long start = System.nanoTime();
      String id = airlock.submit(first + WARMUP_TRIPS + i);
      if (id == null) {
        throw new IllegalStateException("A round-trip request was refused");
      }
      while (!airlock.finished(id)) {
        Thread.sleep(2);
      }
      if (i >= 0) {
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
    }
    java.util.Arrays.sort(millis);
    double p50 = millis[ROUND_TRIPS / 2];
    return Row.latency(
        "idle round trip p50, " + shuttle + " shuttle",
        p50,
        "min %.0f, max %.0f ms of %d".formatted(millis[0], millis[ROUND_TRIPS - 1], ROUND_TRIPS),
        targetMs);
  }

  /**
   * The queries of a round trip asked again, one at a time: each is answered from the result cache.
   * How long the response side takes from receiving such a request to having executed it, against
   * the same for a query the engine answers (distinct ones, asked one at a time too).
   */
  private static Row cacheHit(BenchAirlock airlock, long first) throws Exception {
    // The measured round trips' queries, and as many never asked before.
    double[] hits = executionMillis(airlock, first + WARMUP_TRIPS, true);
    double[] engine = executionMillis(airlock, first + 1_000, false);
    return Row.latency(
        "cache hit: received → executed p50",
        hits[ROUND_TRIPS / 2],
        "max %.1f ms; answered by the engine: p50 %.1f ms"
            .formatted(hits[ROUND_TRIPS - 1], engine[ROUND_TRIPS / 2]),
        2);
  }

  /**
   * From received to executed, sorted, of {@link #ROUND_TRIPS} queries from {@code first}, each
   * submitted once the one before was answered, and each answered from the cache or each not, as
   * {@code cached} says.
   */
  private static double[] executionMillis(BenchAirlock airlock, long first, boolean cached)
      throws Exception {
    double[] millis = new double[ROUND_TRIPS];
    for (int i = 0; i < ROUND_TRIPS; i++) {
      String id = airlock.submit(first + i);
      if (id == null) {
        throw new IllegalStateException("A request was refused");
      }
      while (!airlock.finished(id)) {
        Thread.sleep(2);
      }
      BenchAirlock.Execution execution = airlock.execution(id);
      if (execution.cacheHit() != cached) {
        throw new IllegalStateException(
            "Query " + (first + i) + (cached ? " was not" : " was") + " answered from the cache");
      }
      millis[i] = execution.millis();
    }
    java.util.Arrays.sort(millis);
    return millis;
  }

  /**
   * Distinct count queries submitted at once, answered end to end, against the engine answering the
   * same number of distinct queries directly; and the same number answered from a backlog that was
   * submitted beforehand ({@link #backlog}).
   */
  private static List<Row> pipeline(BenchAirlock airlock) throws Exception {
    // Both paths warmed first with queries of their own, as the other scenarios warm up: a cold
    // JIT would otherwise be measured on Airlock's side only, since the direct drain warms the
    // engine before Airlock uses it. Airlock's path, long and in this JVM, until its JIT settles.
    ClosedLoop.drain(
        CONNECTIONS, PIPELINE_WARMUP_QUERIES, PIPELINE_REQUESTS, airlock::countOnEngine);
    String warmup =
        JitWarmup.until(
            PIPELINE_WARMUP_ROUNDS,
            round ->
                drainThroughAirlock(
                    airlock,
                    PIPELINE_WARMUP_QUERIES + (long) round * PIPELINE_REQUESTS,
                    PIPELINE_REQUESTS));
    // Both timed drains ask the same queries, each with the engine's request cache emptied first:
    // else the second would find the first's counts there. Airlock's starts from settled
    // databases: else the autovacuum of the warm-up's rows fell into it in some runs, and not in
    // others (PostgreSQL's time per query moved from 0.7 to 2.2 ms between runs of one commit).
    airlock.clearEngineRequestCache();
    CpuUse directCpu = CpuUse.start();
    Duration direct =
        ClosedLoop.drain(CONNECTIONS, PIPELINE_QUERIES, PIPELINE_REQUESTS, airlock::countOnEngine);
    Map<String, Duration> directUsed = directCpu.used();
    airlock.settleDatabases();
    airlock.clearEngineRequestCache();
    Instant began = Instant.now();
    CpuUse airlockCpu = CpuUse.start();
    double seconds = drainThroughAirlock(airlock, PIPELINE_QUERIES, PIPELINE_REQUESTS);
    Map<String, Duration> airlockUsed = airlockCpu.used();
    double directPerSecond = PIPELINE_REQUESTS / (direct.toNanos() / 1e9);
    PROFILES.put("The pipeline's warm-up, through Airlock", List.of(warmup));
    PROFILES.put(
        "Where this machine's processors went in the two timed drains, per query answered (each"
            + " process's accounted CPU time; the load generator runs in Airlock's JVM)",
        CpuUse.perUnit(
            "processor ms per query",
            "the engine directly",
            directUsed,
            PIPELINE_REQUESTS,
            "through Airlock",
            airlockUsed,
            PIPELINE_REQUESTS));
    PROFILES.put(
        "When the last request of the pipeline's drain reached each stage, after the first was"
            + " submitted",
        airlock.stageSpans(began));
    PROFILES.put(
        "The batches each side sent since the standalone started (the scenarios before this one"
            + " included)",
        airlock.batchesSent());
    // Profiled apart: taking thread dumps stops every thread, and would slow the timed drain.
    try (StackSampler profile = StackSampler.ofAirlock(20)) {
      drainThroughAirlock(airlock, PIPELINE_QUERIES + PIPELINE_REQUESTS, PIPELINE_REQUESTS / 4);
      PROFILES.put(
          "Where the threads were during a second, smaller drain, profiled apart from the timed"
              + " one (thread-dump samples of every Airlock thread)",
          profile.summary(20));
    }
    return List.of(
        Row.ratio(
            "pipeline: distinct count queries answered end to end, per second",
            PIPELINE_REQUESTS / seconds,
            directPerSecond,
            "the engine directly",
            0.5),
        backlog(airlock, directPerSecond, directUsed));
  }

  /**
   * The pipeline without its submissions: as many distinct count queries submitted while the
   * shuttle stands still, and exported into the outbox; then, from settled databases, carried,
   * executed and answered. What the transfer and the execution reach on their own, against the
   * engine's direct rate of the same run: how much of the pipeline's gap the HTTP submissions,
   * which share the processors with everything else in the timed drain, account for. Reported, with
   * no target of its own.
   */
  private static Row backlog(
      BenchAirlock airlock, double directPerSecond, Map<String, Duration> directUsed)
      throws Exception {
    airlock.pauseShuttle();
    ClosedLoop.drain(
        CONNECTIONS,
        BACKLOG_QUERIES,
        PIPELINE_REQUESTS,
        sequence -> airlock.submit(sequence) != null);
    awaitNone(airlock::anyUnexported, "The backlog was not exported");
    airlock.settleDatabases();
    airlock.clearEngineRequestCache();
    CpuUse cpu = CpuUse.start();
    long start = System.nanoTime();
    airlock.resumeShuttle();
    awaitNone(airlock::anyUnanswered, "The backlog was not answered");
    double perSecond = PIPELINE_REQUESTS / ((System.nanoTime() - start) / 1e9);
    PROFILES.put(
        "Where the processors went answering the backlog, per query (submitted beforehand)",
        CpuUse.perUnit(
            "processor ms per query",
            "the engine directly",
            directUsed,
            PIPELINE_REQUESTS,
            "from the backlog",
            cpu.used(),
            PIPELINE_REQUESTS));
    return Row.reported(
        "pipeline without its submissions: a submitted backlog of distinct counts answered, per"
            + " second",
        "%,.1f".formatted(perSecond),
        "%,.1f (the engine directly)".formatted(directPerSecond),
        "%.0f%%".formatted(perSecond / directPerSecond * 100));
  }

  /** Waits, up to 5 minutes, until {@code any} says none are left. */
  private static void awaitNone(BooleanSupplier any, String failure) throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (any.getAsBoolean()) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException(failure + " in 5 minutes");
      }
      Thread.sleep(20);
    }
  }

  /**
   * Seconds from submitting {@code count} distinct count queries from {@code first} at once until
   * every one is answered.
   */
  private static double drainThroughAirlock(BenchAirlock airlock, long first, long count)
      throws Exception {
    long start = System.nanoTime();
    ClosedLoop.drain(CONNECTIONS, first, count, sequence -> airlock.submit(sequence) != null);
    awaitNone(airlock::anyUnanswered, "The pipeline did not drain");
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Submissions by one API key at 32 connections, against the liveness probe of the same side; the
   * last scenario, since it leaves a backlog behind it.
   */
  private static List<Row> submit(BenchAirlock airlock, Path plots) throws Exception {
    ClosedLoop.Call submitting = sequence -> airlock.submit(SUBMIT_QUERIES + sequence) != null;
    // The request side on its own, as on a real site where what lies beyond the gap runs on other
    // machines: the shuttle stands still, so the submissions wait in the outbox and the response
    // side and the engine do not take this machine's two processors from it.
    airlock.pauseShuttle();
    ClosedLoop.Call probing = sequence -> airlock.liveness();
    String probeWarmup =
        JitWarmup.until(
            SUBMIT_WARMUP_ROUNDS,
            round -> ClosedLoop.run(CONNECTIONS, Duration.ZERO, WARMUP, probing));
    CpuUse probeCpu = CpuUse.start();
    ClosedLoop.Outcome liveness = ClosedLoop.run(CONNECTIONS, Duration.ZERO, MEASURED, probing);
    Map<String, Duration> probeUsed = probeCpu.used();
    String submitWarmup =
        JitWarmup.until(
            SUBMIT_WARMUP_ROUNDS,
            round -> ClosedLoop.run(CONNECTIONS, Duration.ZERO, WARMUP, submitting));
    PROFILES.put(
        "The warm-ups before the liveness probe's and submit's measured runs",
        List.of("liveness probe: " + probeWarmup, "submit: " + submitWarmup));
    // Profiled apart from the measured run: taking thread dumps stops every thread, which would
    // show in the measured latencies.
    try (StackSampler profile = StackSampler.of(SUBMIT_HANDLER, "submit", 20)) {
      ClosedLoop.run(CONNECTIONS, Duration.ZERO, PROFILED, submitting);
      PROFILES.put(
          "Where the request threads were during submit, profiled apart from the measured run"
              + " (thread-dump samples)",
          profile.summary(15));
    }
    // Warmed apart from the measured run, so that its processor time counts the measured calls
    // only.
    ClosedLoop.run(CONNECTIONS, Duration.ZERO, WARMUP, submitting);
    CpuUse submitCpu = CpuUse.start();
    ClosedLoop.Outcome submit = ClosedLoop.run(CONNECTIONS, Duration.ZERO, MEASURED, submitting);
    PROFILES.put(
        "Where this machine's processors went in the measured runs, per call (each process's"
            + " accounted CPU time; the load generator runs in Airlock's JVM)",
        CpuUse.perUnit(
            "processor ms per call",
            "liveness probe",
            probeUsed,
            liveness.calls(),
            "submit",
            submitCpu.used(),
            submit.calls()));
    System.out.println("liveness: " + liveness.summary() + "\nsubmit:   " + submit.summary());
    List<ClosedLoop.Outcome> sweep = new ArrayList<>();
    for (int connections : SWEEP) {
      sweep.add(ClosedLoop.run(connections, SWEEP_WARMUP, SWEEP_MEASURED, submitting));
    }
    Path plot = plots.resolve("performance-submit.png");
    ConnectionsPlot.write(plot, "POST /requests: one API key, the request side on its own", sweep);
    PROFILES.put(
        "Submit at 1 to 64 connections (plotted in " + plot.getFileName() + ")",
        sweep.stream()
            .map(run -> "%2d connections: %s".formatted(run.connections(), run.summary()))
            .toList());
    return List.of(
        Row.ratio(
            "submit (POST /requests), calls per second at " + CONNECTIONS + " connections",
            submit.perSecond(),
            liveness.perSecond(),
            "liveness probe",
            0.5),
        Row.latency(
            "submit p99 at " + CONNECTIONS + " connections",
            submit.percentileMs(99),
            "liveness p99 %.1f ms".formatted(liveness.percentileMs(99)),
            50));
  }
}
