package io.airlock.responseside.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.transfer.records.QueryType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The side as deployed: its own workers start with it and answer what is queued. */
@ResponseSideIntegrationTest
@TestPropertySource(
    properties = {
      "airlock.executor.enabled=true",
      "airlock.executor.workers=2",
      "airlock.executor.poll-interval=50ms"
    })
class ExecutorEnabledIntegrationTests {

  @Autowired Workers workers;
  @Autowired JdbcClient jdbc;

  @Test
  void theSidesWorkersAnswerQueuedRequests() {
    QueueFixture fixture = new QueueFixture(jdbc);
    UUID id = fixture.enqueue("assets", QueryType.COUNT, "{}", 0);

    await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(fixture.status(id)));

    assertThat(workers.isRunning()).isTrue();
    assertThat(workers.alive()).isEqualTo(2);
    assertThat(fixture.answer(id)).containsEntry("outcome", "completed");
    assertThat(workers.instanceId()).startsWith("response-");
  }
}
