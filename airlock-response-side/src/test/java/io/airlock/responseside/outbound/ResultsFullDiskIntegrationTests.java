package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.testing.FullDisk;
import io.airlock.responseside.ResponseSideIntegrationTest;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A full disk under the response side's outbox, simulated where files are written (the node runs as
 * root, so permissions cannot make a folder refuse writes): the results exporter fails without
 * marking any result exported, readiness is DOWN and says why, and once the disk has room the
 * result leaves.
 */
@ResponseSideIntegrationTest
@Import(FullDisk.Sink.class)
class ResultsFullDiskIntegrationTests {

  @LocalServerPort int port;
  @Autowired ResultExporter exporter;
  @Autowired JdbcClient jdbc;
  @Autowired HealthIndicator transferFoldersHealthIndicator;

  @AfterEach
  void freeTheDisk() {
    FullDisk.free();
  }

  @Test
  void stopsExportingResultsWhileTheDiskIsFullReportsItAndSendsThemOnceThereIsRoom()
      throws IOException {
    exporter.export();
    UUID id = new ResultFixture(jdbc).completed(Duration.ofMinutes(1));
    FullDisk.fill();

    assertThatThrownBy(exporter::export).hasMessageContaining("No space left on device");

    assertThat(exportedAt(id)).as("not marked exported").isNull();
    assertThat(transferFoldersHealthIndicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(transferFoldersHealthIndicator.health().getDetails().get("reason"))
        .asString()
        .contains("No space left on device");
    readiness().expectStatus().isEqualTo(503);

    FullDisk.free();
    exporter.export();

    assertThat(exportedAt(id)).isNotNull();
    assertThat(transferFoldersHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
    readiness().expectStatus().isOk();
  }

  private Timestamp exportedAt(UUID id) {
    return jdbc.sql("select exported_at from query_results where request_id = :id")
        .param("id", id)
        .query(Timestamp.class)
        .optional()
        .orElse(null);
  }

  private RestTestClient.ResponseSpec readiness() {
    return RestTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .build()
        .get()
        .uri("/actuator/health/readiness")
        .exchange();
  }
}
