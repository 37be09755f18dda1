package io.airlock.responseside.outbound;

import static org.awaitility.Awaitility.await;

import io.airlock.responseside.ResponseSideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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
    await().atMost(Duration.ofSeconds(10)).until(() -> at("exported_at", id) != null);

    jdbc.sql(
            """
            update outbound_batches set state = 'ACKNOWLEDGED', acknowledged_at = now()
            where channel = 'results' and state = 'PUBLISHED'""")
        .update();
    // Acknowledgements are taken from the ledger every second.
    await().atMost(Duration.ofSeconds(10)).until(() -> at("acknowledged_at", id) != null);
  }

  private Instant at(String column, UUID id) {
    return jdbc.sql("select " + column + " from query_results where request_id = :id")
        .param("id", id)
        .query(Instant.class)
        .optional()
        .orElse(null);
  }
}
