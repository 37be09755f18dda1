package io.airlock.bench.load;

import io.airlock.standalone.Standalone;
import io.airlock.standalone.StandaloneApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone demo as the benchmarks use it: started in a fresh data folder with the given
 * shuttle interval, with an analyst whose quotas allow the load (the limits stay on) and an API key
 * of theirs doing all of it, as one program submitting a lot would.
 */
final class BenchAirlock implements AutoCloseable {

  private static final String ADMIN = "admin:airlock-demo-admin";
  static final String ANALYST = "bench";
  private static final String PASSWORD = "bench-analyst-password-1";
  private static final Set<String> WAITING = Set.of("pending", "exported", "cancelling");
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final Instant YEAR_START = Instant.parse("2024-01-01T00:00:00Z");

  private final Standalone standalone;
  private final Duration shuttleInterval;
  private final Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final JsonMapper json = JsonMapper.shared();
  private String apiKey;

  private BenchAirlock(Standalone standalone, Duration shuttleInterval, Path dataDir) {
    this.standalone = standalone;
    this.shuttleInterval = shuttleInterval;
    this.dataDir = dataDir;
  }

  static BenchAirlock start(Duration shuttleInterval) throws Exception {
    Path dataDir = Files.createTempDirectory("airlock-bench");
    Standalone standalone =
        Standalone.start(
            StandaloneApplication.settings(
                new String[] {
                  "--airlock.standalone.data-dir=" + dataDir,
                  "--airlock.standalone.request-port=0",
                  "--airlock.standalone.response-port=0",
                  "--airlock.standalone.search-port=0",
                  "--airlock.standalone.shuttle.interval=" + shuttleInterval.toMillis() + "ms"
                }),
            // The API-wide limit stays on, raised above what the load sends.
            "--airlock.rate-limits.authenticated=100000000",
            "--logging.level.root=WARN");
    BenchAirlock airlock = new BenchAirlock(standalone, shuttleInterval, dataDir);
    try {
      airlock.createAnalyst();
    } catch (Exception e) {
      airlock.close();
      throw e;
    }
    return airlock;
  }

  private void createAnalyst() throws Exception {
    expect(
        201,
        asAdmin(
            "/admin/profile-types",
            """
            {"name":"bench","per_minute":10000000,"per_hour":100000000,"per_day":1000000000,
             "max_priority":5,"allowed_indices":["incidents","assets"],"max_result_size":1000}"""));
    expect(
        201,
        asAdmin(
            "/admin/users",
            """
            {"username":"%s","email":"bench@example.org","display_name":"Bench Analyst",
             "role":"user","profile_type":"bench","password":"%s"}"""
                .formatted(ANALYST, PASSWORD)));
    String token = signIn();
    HttpResponse<String> key =
        send(
            HttpRequest.newBuilder(URI.create(standalone.requestSideUrl() + "/api-keys"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bench\",\"scopes\":[\"requests:write\",\"requests:read\"]}")));
    expect(201, key);
    apiKey = json.readTree(key.body()).path("key").asString();
  }

  /** Waits until the analyst has crossed the gap with their profile type, then signs in. */
  private String signIn() throws Exception {
    long giveUp = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      HttpResponse<String> login =
          send(
              HttpRequest.newBuilder(URI.create(standalone.requestSideUrl() + "/auth/login"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"username\":\"%s\",\"password\":\"%s\"}"
                              .formatted(ANALYST, PASSWORD))));
      boolean profileArrived =
          standalone
                  .requestSide()
                  .getBean(JdbcClient.class)
                  .sql("select count(*) from profile_types where name = 'bench'")
                  .query(Long.class)
                  .single()
              > 0;
      if (login.statusCode() == 200 && profileArrived) {
        return json.readTree(login.body()).path("access_token").asString();
      }
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException("The bench analyst never arrived: " + login.body());
      }
      Thread.sleep(100);
    }
  }

  /**
   * Stops carrying batches across, so that the response side and the engine sit idle: on a real
   * site they run on other machines, beyond the gap, and do not take the request side's processors.
   */
  Standalone standalone() {
    return standalone;
  }

  void pauseShuttle() {
    standalone.shuttle().close();
  }

  /** Carries batches across again, at the interval the standalone started with. */
  void resumeShuttle() {
    standalone.shuttle().start(shuttleInterval);
  }

  /** A count query no other call of the run asks, so that no answer comes from the cache. */
  static String distinctCount(long sequence) {
    return """
        {"query":{"bool":{"filter":[{"range":{"score":{"gte":%d}}},\
        {"range":{"reported_at":{"lt":"%s"}}}]}}}"""
        .formatted(sequence % 10, YEAR_START.plusSeconds(sequence));
  }

  /** Submits a distinct count query; the id of the request when it was accepted. */
  String submit(long sequence) throws IOException, InterruptedException {
    HttpResponse<String> accepted =
        send(
            requestSide("/requests")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"index\":\"incidents\",\"query_type\":\"count\",\"priority\":1,"
                            + "\"query_params\":"
                            + distinctCount(sequence)
                            + "}")));
    return accepted.statusCode() == 202
        ? json.readTree(accepted.body()).path("id").asString()
        : null;
  }

  /** Whether the request has its answer (or another final status). */
  boolean finished(String id) throws IOException, InterruptedException {
    HttpResponse<String> status = send(requestSide("/requests/" + id + "/status").GET());
    return !WAITING.contains(json.readTree(status.body()).path("status").asString());
  }

  /**
   * How an answered request was executed: from the cache or not, and in how many ms from its
   * receipt (the response side's two times, carried back with the answer).
   */
  record Execution(boolean cacheHit, double millis) {}

  Execution execution(String id) {
    return standalone
        .requestSide()
        .getBean(JdbcClient.class)
        .sql(
            """
            select r.cache_hit, extract(epoch from q.executed_at - q.received_at) * 1000 as millis
            from requests q join responses r on r.request_id = q.id
            where q.id = :id""")
        .param("id", java.util.UUID.fromString(id))
        .query((rs, row) -> new Execution(rs.getBoolean("cache_hit"), rs.getDouble("millis")))
        .single();
  }

  /** Whether some of the analyst's requests are not yet in a batch in the outbox. */
  boolean anyUnexported() {
    return any("exported_at is null");
  }

  /** Whether some of the analyst's requests have no answer yet. */
  boolean anyUnanswered() {
    return any("status in ('pending', 'exported', 'cancelling')");
  }

  /**
   * Whether some request matches {@code condition}: a look that stops at the first. The drains poll
   * it every 20 ms; counting the waiting requests instead took 10 ms a call, on average, of the
   * processors the timed drain is measured on.
   */
  private boolean any(String condition) {
    return standalone
        .requestSide()
        .getBean(JdbcClient.class)
        .sql("select exists (select 1 from requests where " + condition + ")")
        .query(Boolean.class)
        .single();
  }

  /**
   * When the last of the requests submitted since {@code since} reached each stage, in seconds
   * after the first was submitted: where the requests queued up on their way.
   */
  List<String> stageSpans(Instant since) {
    return standalone
        .requestSide()
        .getBean(JdbcClient.class)
        .sql(
            """
            with drained as (select * from requests where submitted_at >= :since)
            select s.stage, extract(epoch from s.last - t.first) as seconds
            from (select min(submitted_at) as first from drained) t,
                 lateral (values ('submitted', (select max(submitted_at) from drained)),
                                 ('exported', (select max(exported_at) from drained)),
                                 ('received', (select max(received_at) from drained)),
                                 ('executed', (select max(executed_at) from drained)),
                                 ('result exported', (select max(result_exported_at) from drained)),
                                 ('result received', (select max(result_received_at) from drained)))
                 as s(stage, last)""")
        .param("since", java.sql.Timestamp.from(since))
        .query((rs, row) -> "%-16s %6.1f s".formatted(rs.getString(1), rs.getDouble(2)))
        .list();
  }

  /** How many batches each side sent, by channel, with their records: the per-batch overhead. */
  List<String> batchesSent() {
    List<String> lines = new ArrayList<>();
    for (var side :
        List.of(
            java.util.Map.entry("request side", standalone.requestSide()),
            java.util.Map.entry("response side", standalone.responseSide()))) {
      lines.addAll(
          side.getValue()
              .getBean(JdbcClient.class)
              .sql(
                  """
                  select channel, count(*) as batches, sum(record_count) as records
                  from outbound_batches group by channel order by channel""")
              .query(
                  (rs, row) ->
                      "%-13s %-9s %,6d batches, %,7d records"
                          .formatted(
                              side.getKey(),
                              rs.getString("channel"),
                              rs.getLong("batches"),
                              rs.getLong("records")))
              .list());
    }
    return lines;
  }

  boolean liveness() throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(
                    URI.create(standalone.requestSideUrl() + "/actuator/health/liveness"))
                .GET())
            .statusCode()
        == 200;
  }

  /** The same count query straight to the search node, bypassing Airlock. */
  boolean countOnEngine(long sequence) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(standalone.searchUrl() + "/incidents/_count"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(distinctCount(sequence))))
            .statusCode()
        == 200;
  }

  /**
   * Vacuums and analyses both sides' databases and writes their dirty pages out, so that a timed
   * run (the pipeline's drain, each import) does not share the processors with the autovacuum and
   * the checkpoint that the runs before it set off.
   */
  void settleDatabases() {
    for (var side : List.of(standalone.requestSide(), standalone.responseSide())) {
      JdbcClient database = side.getBean(JdbcClient.class);
      database.sql("vacuum (analyze)").update();
      database.sql("checkpoint").update();
    }
  }

  /**
   * Empties the engine's shard request cache, which keeps the counts of queries it answered (size-0
   * requests), so that a drain does not find the answers of the one before it.
   */
  void clearEngineRequestCache() throws IOException, InterruptedException {
    HttpResponse<String> cleared =
        send(
            HttpRequest.newBuilder(
                    URI.create(standalone.searchUrl() + "/incidents/_cache/clear?request=true"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    expect(200, cleared);
  }

  private HttpRequest.Builder requestSide(String path) {
    return HttpRequest.newBuilder(URI.create(standalone.requestSideUrl() + path))
        .header("X-API-Key", apiKey);
  }

  private HttpResponse<String> asAdmin(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(standalone.responseSideUrl() + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "Expected "
              + status
              + " from "
              + response.uri()
              + ", got "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** Stops the standalone and deletes its data (two databases, the engine's index, batches). */
  @Override
  public void close() throws IOException {
    standalone.close();
    try (var paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
