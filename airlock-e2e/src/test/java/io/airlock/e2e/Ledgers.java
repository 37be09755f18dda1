package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery guarantee as the two sides' databases show it, for tests that put the gap or the
 * sides through faults: every request answered and its answer applied exactly once, and the link
 * settled, with nothing left unpublished, unacknowledged or missing.
 */
final class Ledgers {

  private static final Duration PATIENCE = Duration.ofMinutes(4);

  private Ledgers() {}

  /**
   * Waits until no request waits for its answer, then asserts that every request the request side
   * holds (also one whose 202 was lost in a crash) completed, that its answer was applied once, and
   * that the response side took and answered each exactly once. Returns how many there are.
   */
  static long assertEveryRequestAnsweredOnce(TwoSides airlock) throws InterruptedException {
    JdbcClient low = airlock.requestSideDatabase();
    JdbcClient high = airlock.responseSideDatabase();
    awaitTrue(
        () ->
            count(low, "select count(*) from requests where status in ('pending', 'exported')")
                == 0,
        "every request answered");
    long requests = count(low, "select count(*) from requests");
    assertThat(
            low.sql("select id, status, status_reason from requests where status <> 'completed'")
                .query(
                    (row, n) -> row.getString(1) + " " + row.getString(2) + ": " + row.getString(3))
                .list())
        .as("requests not completed")
        .isEmpty();
    assertThat(count(low, "select count(*) from responses")).isEqualTo(requests);
    assertThat(
            count(
                low,
                "select count(*) from audit_logs where action = 'result.import'"
                    + " and outcome = 'success'"))
        .as("each answer applied once")
        .isEqualTo(requests);
    assertThat(
            count(
                low,
                "select count(*) from audit_logs where action = 'result.import'"
                    + " and detail like 'duplicate%'"))
        .as("no answer arrived twice past the batch ledger")
        .isZero();
    assertThat(
            high.sql(
                    "select count(*) filter (where status = 'completed'), count(*)"
                        + " from incoming_requests")
                .query((row, n) -> List.of(row.getLong(1), row.getLong(2)))
                .single())
        .isEqualTo(List.of(requests, requests));
    return requests;
  }

  /**
   * Waits until the side has no batch left unpublished, every data batch it sent acknowledged, and
   * nothing it receives missing (control batches keep flowing, so they are left out).
   */
  static void awaitLinkSettled(JdbcClient side) throws InterruptedException {
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
                        "select count(*) from inbound_watermarks where channel <> 'control'"
                            + " and (cardinality(above) > 0 or announced > contiguous)")
                    == 0,
        "link settled");
  }

  static long count(JdbcClient db, String sql) {
    return db.sql(sql).query(Long.class).single();
  }

  static void awaitTrue(BooleanSupplier condition, String what) {
    Awaitility.await(what)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(condition::getAsBoolean);
  }
}
