package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.ResponseSideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The results exporter running on its own schedule, as it does outside tests. */
@ResponseSideIntegrationTest
@TestPropertySource(properties = "airlock.results-export.enabled=true")
class ResultExportScheduleIntegrationTests {

  @Autowired JdbcClient jdbc;

  @Test
  void exportsALoneResultOnceItHasLingeredAndMarksItDeliveredOnceAcknowledged()
      throws InterruptedException {
    UUID id = new ResultFixture(jdbc).completed(Duration.ZERO);

    // Linger 200ms, checked every 50ms: well within ten seconds even on a slow machine.
    assertThat(eventually(() -> at("exported_at", id))).isNotNull();

    jdbc.sql(
            """
            update outbound_batches set state = 'ACKNOWLEDGED', acknowledged_at = now()
            where channel = 'results' and state = 'PUBLISHED'""")
        .update();
    // Acknowledgements are taken from the ledger every second.
    assertThat(eventually(() -> at("acknowledged_at", id))).isNotNull();
  }

  private Instant at(String column, UUID id) {
    return jdbc.sql("select " + column + " from query_results where request_id = :id")
        .param("id", id)
        .query(Instant.class)
        .optional()
        .orElse(null);
  }

  private static <T> T eventually(Supplier<T> value) throws InterruptedException {
    long giveUp = System.nanoTime() + 10_000_000_000L;
    T current = value.get();
    while (current == null && System.nanoTime() < giveUp) {
      Thread.sleep(50);
      current = value.get();
    }
    return current;
  }
}
