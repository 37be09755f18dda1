package io.airlock.e2e;

import static io.airlock.e2e.Ledgers.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.shuttle.ShuttleFaults;
import io.airlock.transfer.shuttle.ShuttleStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    Analyst analyst =
        Analyst.signedIn(airlock, "soak" + System.nanoTime() % 100_000, TwoSides.BULK_PROFILE);
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(airlock.createUser("soakpeer" + i + "x" + System.nanoTime() % 10_000));
    }
    for (int i = 0; i < REQUESTS; i++) {
      analyst.submit(request(i));
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

    assertThat(Ledgers.assertEveryRequestAnsweredOnce(airlock)).isEqualTo(REQUESTS);
    JdbcClient low = airlock.requestSideDatabase();
    JdbcClient high = airlock.responseSideDatabase();
    assertThat(
            count(
                high,
                "select count(*) from incoming_requests where status = 'completed'"
                    + " and attempts = 1"))
        .as("each executed once")
        .isEqualTo(REQUESTS);

    // The directory converged: the same users, at the same versions, on both sides.
    Ledgers.awaitTrue(
        () ->
            directory(low, "select id::text, username, email, version from users")
                .equals(
                    directory(
                        high,
                        "select id::text, username, email, version from users"
                            + " where not high_side_only")),
        "directory converged");

    // Nothing stuck: no batch left unpublished, every data batch acknowledged, no gap open.
    Ledgers.awaitLinkSettled(low);
    Ledgers.awaitLinkSettled(high);

    ShuttleStats stats = airlock.shuttleStats();
    long resent =
        count(low, "select coalesce(sum(send_count - 1), 0) from outbound_batches")
            + count(high, "select coalesce(sum(send_count - 1), 0) from outbound_batches");
    System.out.println("Shuttle over the faulty gap: " + stats + ", batches re-sent: " + resent);
    assertThat(resent).as("what was lost or damaged was sent again").isPositive();
    assertThat(stats.delivered() + stats.dropped()).as("batches carried").isGreaterThan(1000);
    String distinct = "select count(*) from outbound_batches where channel <> 'control'";
    assertThat(count(low, distinct) + count(high, distinct))
        .as("distinct batches of records, copies and control batches aside")
        .isGreaterThanOrEqualTo(1000);
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

  private static List<List<Object>> directory(JdbcClient db, String sql) {
    return db.sql(sql + " order by 1")
        .query(
            (row, n) ->
                Arrays.<Object>asList(
                    row.getString(1), row.getString(2), row.getString(3), row.getLong(4)))
        .list();
  }
}
