package io.airlock.requestside.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.testing.FullDisk;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A full disk under the outbox, simulated where files are written (the node runs as root, so
 * permissions cannot make a folder refuse writes): the exporter fails without marking anything
 * exported, readiness is DOWN and says why, and once the disk has room the same batch leaves.
 */
@RequestSideIntegrationTest
@Import(FullDisk.Sink.class)
class FullDiskIntegrationTests {

  @LocalServerPort int port;
  @Autowired RequestExporter exporter;
  @Autowired TransferFolders folders;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  @Autowired HealthIndicator transferFoldersHealthIndicator;

  @AfterEach
  void freeTheDisk() {
    FullDisk.free();
  }

  @Test
  void stopsExportingWhileTheDiskIsFullReportsItAndSendsTheSameBatchOnceThereIsRoom()
      throws IOException {
    exporter.export();
    User user = new UserFixture(jdbc, passwords, null).user();
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into requests (id, owner_id, index_name, query_type, query_params, priority,
                                  status, deadline, trace_id)
            values (:id, :owner, 'logs', 'count', '{"query": {"match_all": {}}}', 1, 'pending',
                    now() + interval '1 hour', 'full-disk')""")
        .param("id", id)
        .param("owner", user.id())
        .update();
    FullDisk.fill();

    assertThatThrownBy(exporter::export).hasMessageContaining("No space left on device");
    assertThatThrownBy(exporter::export).hasMessageContaining("No space left on device");

    assertThat(status(id)).isEqualTo("pending");
    assertThat(batchFiles()).isZero();
    assertThat(transferFoldersHealthIndicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(transferFoldersHealthIndicator.health().getDetails().get("reason"))
        .asString()
        .contains("writing batches to the outbox has failed since")
        .contains("No space left on device");
    readiness().expectStatus().isEqualTo(503).expectBody().jsonPath("$.status").isEqualTo("DOWN");

    FullDisk.free();
    exporter.export();

    assertThat(status(id)).isEqualTo("exported");
    assertThat(
            jdbc.sql("select count(*) from outbound_batches where state = 'ALLOCATED'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(transferFoldersHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
    readiness().expectStatus().isOk();
  }

  private RestTestClient.ResponseSpec readiness() {
    return RestTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .build()
        .get()
        .uri("/actuator/health/readiness")
        .exchange();
  }

  private String status(UUID id) {
    return jdbc.sql("select status from requests where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private long batchFiles() throws IOException {
    try (DirectoryStream<java.nio.file.Path> manifests =
        Files.newDirectoryStream(folders.outbox(), "requests-*.manifest.json")) {
      long count = 0;
      for (java.nio.file.Path ignored : manifests) {
        count++;
      }
      return count;
    }
  }
}
