package io.airlock.bench.load;

import io.airlock.bench.Row;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.ManifestExtras;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RequestRecord;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One requests batch of {@link #RECORDS} records, imported by the response side (verified, decoded,
 * re-validated, stored and audited) from its inbox, against PostgreSQL's {@code COPY} of the same
 * rows into a table like the queue's, on the same database. The shuttle's carrying the batch into
 * the inbox is not timed: that is the medium, not the import.
 */
final class ImportBenchmark {

  static final int RECORDS = 100_000;

  // How many times the import is timed.
  private static final int RUNS = 3;

  // At most this many warm-up batches of a fifth of the size (JitWarmup): numbered from 2 × RECORDS
  // they stay clear of the timed batches' records (0, then 3 × RECORDS on).
  private static final int WARMUP_ROUNDS = 5;

  private ImportBenchmark() {}

  static List<Row> run(BenchAirlock airlock) throws Exception {
    ConfigurableApplicationContext requestSide = airlock.standalone().requestSide();
    ConfigurableApplicationContext responseSide = airlock.standalone().responseSide();
    // Only the import is measured: the response side's workers stay idle.
    responseSide.getBean("workers", Lifecycle.class).stop();
    airlock.pauseShuttle();
    UUID userId =
        requestSide
            .getBean(JdbcClient.class)
            .sql("select id from users where username = :name")
            .param("name", BenchAirlock.ANALYST)
            .query(UUID.class)
            .single();
    // Smaller batches first, as the other scenarios warm up: the JIT compiles the import's path
    // while it runs, and would take one of the two processors from the timed import.
    String warmup =
        JitWarmup.until(
            WARMUP_ROUNDS,
            round ->
                importBatch(airlock, records(userId, (10 + round) * RECORDS / 5, RECORDS / 5)));
    // Timed three times, each with its own records, and the median kept: one import takes a few
    // seconds, in which this machine's noise (other tenants, the disk) moves it by a third. Each
    // starts from a settled database, as a batch arriving on its own does: else it would share the
    // processors with the autovacuum and the checkpoint that the one before set off.
    double[] importSeconds = new double[RUNS];
    double[] copySeconds = new double[RUNS];
    Map<String, Duration> importUsed = new LinkedHashMap<>();
    // Each timed import's processor ms per 1,000 records: the JVM's, and PostgreSQL's.
    double[] jvmMs = new double[RUNS];
    double[] postgresMs = new double[RUNS];
    Map<String, Duration> copyUsed = new LinkedHashMap<>();
    for (int run = 0; run < RUNS; run++) {
      List<RequestRecord> records = records(userId, run == 0 ? 0 : (2 + run) * RECORDS, RECORDS);
      airlock.settleDatabases();
      Imported imported = importBatch(airlock, records);
      importSeconds[run] = imported.seconds();
      imported.cpu().forEach((group, used) -> importUsed.merge(group, used, Duration::plus));
      jvmMs[run] = imported.cpu().get(CpuUse.JVM).toNanos() / 1e6 / (RECORDS / 1_000.0);
      postgresMs[run] = imported.cpu().get(CpuUse.POSTGRES).toNanos() / 1e6 / (RECORDS / 1_000.0);
      CpuUse copyCpu = CpuUse.start();
      copySeconds[run] = copy(responseSide.getBean(DataSource.class), records);
      copyCpu.used().forEach((group, used) -> copyUsed.merge(group, used, Duration::plus));
    }
    LoadBenchmarks.PROFILES.put("The import's warm-up", List.of(warmup));
    LoadBenchmarks.PROFILES.put(
        ("The %d timed imports and COPYs, in records a second (the median is reported), and the"
                + " processors each import took")
            .formatted(RUNS),
        List.of(
            "import " + rates(importSeconds),
            "COPY   " + rates(copySeconds),
            "processor ms per 1,000 records in each import: the JVM "
                + millis(jvmMs)
                + ", PostgreSQL "
                + millis(postgresMs)));
    LoadBenchmarks.PROFILES.put(
        "Where this machine's processors went in the timed imports and in the COPYs, per 1,000"
            + " records (each process's accounted CPU time)",
        CpuUse.perUnit(
            "processor ms per 1,000 records",
            "Airlock's import",
            importUsed,
            RUNS * RECORDS / 1_000,
            "COPY",
            copyUsed,
            RUNS * RECORDS / 1_000));
    // Profiled apart, with a smaller batch: taking thread dumps stops every thread, and would slow
    // the timed import.
    try (StackSampler profile = StackSampler.ofAirlock(20)) {
      importBatch(airlock, records(userId, RECORDS, RECORDS / 5));
      LoadBenchmarks.PROFILES.put(
          "Where the threads were during the import of a second, smaller batch, profiled apart"
              + " from the timed one (thread-dump samples of every Airlock thread)",
          profile.summary(15));
    }
    return List.of(
        Row.perSecond(
            "import of one %,d-record requests batch, records".formatted(RECORDS),
            RECORDS / median(importSeconds),
            RECORDS / median(copySeconds),
            "PostgreSQL COPY of the same rows",
            20_000));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String millis(double[] values) {
    return Arrays.stream(values)
        .mapToObj(ms -> "%.1f".formatted(ms))
        .collect(Collectors.joining(" / "));
  }

  private static String rates(double[] seconds) {
    return Arrays.stream(seconds)
        .mapToObj(s -> "%,8.0f/s".formatted(RECORDS / s))
        .collect(Collectors.joining(" "));
  }

  /**
   * Sends {@code records} as one batch, has the shuttle carry it into the response side's inbox,
   * and returns the time from there until the batch is applied.
   */
  private static Imported importBatch(BenchAirlock airlock, List<RequestRecord> records)
      throws Exception {
    ConfigurableApplicationContext responseSide = airlock.standalone().responseSide();
    EncodedBatch batch =
        airlock
            .standalone()
            .requestSide()
            .getBean(OutboundBatches.class)
            .send(Channel.REQUESTS, records, Compression.NONE, ManifestExtras.NONE, sequence -> {});
    JdbcClient responseDatabase = responseSide.getBean(JdbcClient.class);
    // The batch is carried into the inbox first: the import is timed from there.
    InboxImporter importer = responseSide.getBean(InboxImporter.class);
    importer.stop();
    airlock.standalone().shuttle().tick();
    // The garbage of making the batch collected first, as JMH does between iterations: the first
    // timed import otherwise paid for it, with two and a half times the JVM's processor time of the
    // two after it, while PostgreSQL's stayed the same.
    System.gc();
    CpuUse cpu = CpuUse.start();
    long start = System.nanoTime();
    importer.start();
    while (!"APPLIED"
        .equals(
            responseDatabase
                .sql("select outcome from inbound_batches where batch_id = :id")
                .param("id", batch.manifest().batchId())
                .query(String.class)
                .optional()
                .orElse(null))) {
      if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
        throw new IllegalStateException("The batch was not imported in 5 minutes");
      }
      Thread.sleep(5);
    }
    return new Imported((System.nanoTime() - start) / 1e9, cpu.used());
  }

  /** How long an import took from its batch's arrival in the inbox, and the processors it took. */
  private record Imported(double seconds, Map<String, Duration> cpu) {}

  /** {@code count} distinct count queries, numbered from {@code first}. */
  private static List<RequestRecord> records(UUID userId, int first, int count) {
    JsonMapper json = JsonMapper.shared();
    Instant now = Instant.now();
    List<RequestRecord> records = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      records.add(
          new RequestRecord(
              UUID.randomUUID().toString(),
              "bench-import-" + i,
              userId.toString(),
              "incidents",
              QueryType.COUNT,
              json.readTree(BenchAirlock.distinctCount(3_000_000L + i)),
              1,
              now,
              now.plus(Duration.ofDays(1))));
    }
    return records;
  }

  /** Seconds PostgreSQL takes to COPY the same rows into a fresh table like the queue's. */
  private static double copy(DataSource dataSource, List<RequestRecord> records) throws Exception {
    StringBuilder csv = new StringBuilder();
    for (RequestRecord record : records) {
      csv.append(record.id())
          .append(',')
          .append(record.traceId())
          .append(',')
          .append(record.userId())
          .append(',')
          .append(record.index())
          .append(',')
          .append(record.queryType().wireName())
          .append(",\"")
          .append(record.queryParams().toString().replace("\"", "\"\""))
          .append("\",")
          .append(record.priority())
          .append(",queued,")
          .append(record.submittedAt())
          .append(',')
          .append(record.deadline())
          .append('\n');
    }
    try (Connection connection = dataSource.getConnection()) {
      connection
          .createStatement()
          .execute(
              "drop table if exists copied;"
                  + " create temporary table copied (like incoming_requests including defaults)");
      long start = System.nanoTime();
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "copy copied (request_id, trace_id, user_id, index_name, query_type, query_params,"
                  + " requested_priority, status, submitted_at, deadline) from stdin (format csv)",
              new StringReader(csv.toString()));
      double seconds = (System.nanoTime() - start) / 1e9;
      connection.createStatement().execute("drop table copied");
      return seconds;
    }
  }
}
