package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.shuttle.ShuttleFaults;
import io.airlock.transfer.shuttle.ShuttleStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery guarantee under a medium that drops, duplicates, reorders (delays), truncates and
 * corrupts batches: with one record per batch and a fast link, well over a thousand batches cross,
 * and afterwards the state equals the model — every request answered exactly once, executed once,
 * no answer applied twice, the directory the same on both sides, nothing stuck or missing.
 */
class FaultyGapIntegrationTests {

  private static final int REQUESTS = 500;
  private static final ShuttleFaults FAULTS = new ShuttleFaults(0.05, 0.05, 0.10, 0.03, 0.03);
  private static final List<String> FAST_LINK =
      List.of(
          "--airlock.transfer.link.check-interval=100ms",
          "--airlock.transfer.link.ack-interval=300ms",
          "--airlock.transfer.link.resend-missing-after=1s",
          "--airlock.transfer.link.retransmit-timeout=4s",
          "--airlock.inbox.scan-interval=200ms");

  @TempDir static Path root;

  private static TwoSides airlock;

  @BeforeAll
  static void start() throws Exception {
    List<String> requestSide = new ArrayList<>(FAST_LINK);
    requestSide.addAll(
        List.of(
            "--airlock.export.batch-trigger=1",
            "--airlock.export.linger=0ms",
            "--airlock.export.max-records=1"));
    List<String> responseSide = new ArrayList<>(FAST_LINK);
    responseSide.addAll(
        List.of(
            "--airlock.results-export.batch-trigger=1",
            "--airlock.results-export.linger=0ms",
            "--airlock.results-export.max-records=1",
            "--airlock.results-export.ack-check-interval=200ms"));
    airlock = TwoSides.start(root, new TwoSides.Settings(requestSide, responseSide, FAULTS));
  }

  @AfterAll
  static void stop() {
    if (airlock != null) {
      airlock.close();
    }
  }

  @Test
  void everyRequestIsAnsweredExactlyOnceWhateverTheMediumDoes() throws Exception {
    Analyst analyst = Analyst.signedIn(airlock, "soak" + System.nanoTime() % 100_000, "standard");
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(airlock.createUser("soakpeer" + i + "x" + System.nanoTime() % 10_000));
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      ids.add(analyst.submit(request(i)));
      if (i == REQUESTS / 2) {
        // The directory changes while the gap misbehaves, too.
        assertThat(
                airlock
                    .asAdmin(
                        "PUT",
                        "/admin/users/" + others.get(0),
                        """
                        {"email":"moved@example.org","display_name":"Moved Peer",
                         "role":"user","profile_type":"standard"}""")
                    .statusCode())
            .isEqualTo(200);
      }
    }

    JdbcClient low = airlock.requestSideDatabase();
    JdbcClient high = airlock.responseSideDatabase();
    awaitTrue(
        () ->
            count(low, "select count(*) from requests where status in ('pending', 'exported')")
                == 0,
        "every request answered");

    // Every request answered, completed, and its answer taken exactly once.
    assertThat(
            low.sql("select status, count(*) from requests group by status")
                .query((row, n) -> Map.entry(row.getString(1), row.getLong(2)))
                .list())
        .containsExactly(Map.entry("completed", (long) REQUESTS));
    assertThat(count(low, "select count(*) from responses")).isEqualTo(REQUESTS);
    assertThat(
            count(
                low,
                "select count(*) from audit_logs where action = 'result.import'"
                    + " and outcome = 'success'"))
        .as("each answer applied once")
        .isEqualTo(REQUESTS);
    assertThat(
            count(
                low,
                "select count(*) from audit_logs where action = 'result.import'"
                    + " and detail like 'duplicate%'"))
        .as("no answer arrived twice past the batch ledger")
        .isZero();
    // ...and executed exactly once on the high side.
    assertThat(
            high.sql(
                    "select count(*) filter (where status = 'completed' and attempts = 1),"
                        + " count(*) from incoming_requests")
                .query((row, n) -> List.of(row.getLong(1), row.getLong(2)))
                .single())
        .isEqualTo(List.of((long) REQUESTS, (long) REQUESTS));

    // The directory converged: the same users, at the same versions, on both sides.
    awaitTrue(
        () ->
            directory(low, "select id::text, username, email, version from users")
                .equals(
                    directory(
                        high,
                        "select id::text, username, email, version from users"
                            + " where not high_side_only")),
        "directory converged");

    // Nothing stuck: no batch left unpublished, every data batch acknowledged, no gap open.
    for (JdbcClient side : List.of(low, high)) {
      awaitTrue(
          () ->
              count(side, "select count(*) from outbound_batches where state = 'ALLOCATED'") == 0
                  && count(
                          side,
                          "select count(*) from outbound_batches"
                              + " where state <> 'ACKNOWLEDGED' and channel <> 'control'")
                      == 0
                  && count(
                          side,
                          "select count(*) from inbound_watermarks"
                              + " where channel <> 'control'"
                              + " and (cardinality(above) > 0 or announced > contiguous)")
                      == 0,
          "link settled");
    }

    ShuttleStats stats = airlock.shuttleStats();
    long resent =
        count(low, "select coalesce(sum(send_count - 1), 0) from outbound_batches")
            + count(high, "select coalesce(sum(send_count - 1), 0) from outbound_batches");
    System.out.println("Shuttle over the faulty gap: " + stats + ", batches re-sent: " + resent);
    assertThat(resent).as("what was lost or damaged was sent again").isPositive();
    assertThat(stats.delivered() + stats.dropped()).as("batches carried").isGreaterThan(1000);
    assertThat(List.of(stats.dropped(), stats.duplicated(), stats.delayed()))
        .allSatisfy(n -> assertThat(n).isPositive());
    assertThat(List.of(stats.truncated(), stats.corrupted()))
        .allSatisfy(n -> assertThat(n).isPositive());
    assertThat(
            count(low, "select count(*) from inbound_batches where outcome = 'REJECTED'")
                + count(high, "select count(*) from inbound_batches where outcome = 'REJECTED'"))
        .as("damaged batches refused, then taken again from a good copy")
        .isPositive();
    assertThat(
            count(low, "select count(*) from inbound_batches where outcome = 'CONFLICT'")
                + count(high, "select count(*) from inbound_batches where outcome = 'CONFLICT'"))
        .isZero();
  }

  /** Request {@code i}, each asking something else, so that each is executed, not cached. */
  private static String request(int i) {
    if (i % 3 == 0) {
      return """
          {"index":"incidents","query_type":"count","priority":%d,
           "query_params":{"query":{"range":{"score":{"gte":0.%03d}}}}}"""
          .formatted(i % 5, i);
    }
    return """
        {"index":"incidents","query_type":"search","priority":%d,
         "query_params":{"query":{"match":{"description":"malware"}},"size":%d,"from":%d}}"""
        .formatted(i % 5, 1 + i / 250, i % 250);
  }

  private static long count(JdbcClient db, String sql) {
    return db.sql(sql).query(Long.class).single();
  }

  private static List<List<Object>> directory(JdbcClient db, String sql) {
    return db.sql(sql + " order by 1")
        .query(
            (row, n) ->
                Arrays.<Object>asList(
                    row.getString(1), row.getString(2), row.getString(3), row.getLong(4)))
        .list();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited too long for: " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
