package io.airlock.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.metrics.ScrapeCredentials;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.platform.web.RequestId;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.query.QueryGrammar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What every side promises as it runs: its own configuration, database, folders and sender
 * identity; health, readiness and liveness; its API documentation at {@code /docs}; problem details
 * and request ids. Each side runs it with a subclass carrying its test annotation.
 */
public abstract class SideContract {

  @LocalServerPort int port;
  @Autowired Environment environment;
  @Autowired DataSource dataSource;
  @Autowired Flyway flyway;
  @Autowired SenderEpoch sender;
  @Autowired TransferFolders folders;
  RestTestClient client;

  /** The side under test: {@code request} or {@code response}. */
  protected abstract String side();

  /** The title the side's OpenAPI document carries. */
  protected abstract String apiTitle();

  /** The Authorization header of an admin of the side, for what only admins may see. */
  protected abstract String adminAuthorization();

  /** The Authorization header of the side's metrics scraper (its test configuration sets one). */
  protected abstract String scrapeAuthorization();

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void readsItsOwnConfigurationFile() {
    assertThat(environment.getProperty("airlock.side")).isEqualTo(side());
    assertThat(environment.getProperty("spring.application.name"))
        .isEqualTo("airlock-" + side() + "-side");
  }

  @Test
  void runsOnATestDatabaseWithEveryMigrationApplied() {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(jdbc.sql("select current_database()").query(String.class).single())
        .startsWith("test_");
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.info().applied())
        .extracting(MigrationInfo::getDescription)
        .contains("transfer ledger");
    assertThat(
            jdbc.sql("select to_regclass(:table) is not null")
                .param("table", "inbound_watermarks")
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void sendsAsItsSideWithTheEpochOfItsDatabase() {
    assertThat(sender.nodeId()).isEqualTo(side());
    assertThat(sender.epoch())
        .isEqualTo(
            JdbcClient.create(dataSource)
                .sql("select epoch from sender_identity")
                .query(String.class)
                .single());
  }

  @Test
  void keepsItsTransferFoldersInItsOwnDataDir() {
    Path dataDir = Path.of(environment.getRequiredProperty("airlock.data-dir"));
    assertThat(folders.outbox()).isEqualTo(dataDir.resolve("outbox")).isDirectory();
    assertThat(folders.failed()).isEqualTo(dataDir.resolve("inbox/failed")).isDirectory();
  }

  @Test
  void isUpWithItsDatabaseAndTransferFolders() {
    asAdmin(client.get().uri("/actuator/health"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.db.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.details.signatures")
        .isEqualTo("on");
  }

  @Test
  void showsTheLinkAcrossTheGapPerChannelInItsHealth() {
    asAdmin(client.get().uri("/actuator/health"))
        .exchange()
        .expectBody()
        .jsonPath("$.components.link.status")
        .isEqualTo("UP")
        .jsonPath("$.components.link.details.incoming")
        .isMap()
        .jsonPath("$.components.link.details.outgoing")
        .isMap()
        .jsonPath("$.components.link.details.warnings")
        .isArray();
  }

  private RestTestClient.RequestHeadersSpec<?> asAdmin(RestTestClient.RequestHeadersSpec<?> call) {
    return call.header("Authorization", adminAuthorization());
  }

  @Test
  void answersProbesAtTheHealthAliasesWithoutCredentials() {
    for (String path : List.of("/health", "/health/live", "/health/ready")) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
    }
    // A load balancer needs the status only.
    client.get().uri("/health").exchange().expectBody().jsonPath("$.components").doesNotExist();
    client
        .get()
        .uri("/health/ready")
        .exchange()
        .expectBody()
        .jsonPath("$.components.db")
        .exists()
        .jsonPath("$.components.transferFolders")
        .exists()
        .jsonPath("$.components.link")
        .doesNotExist();
  }

  @Test
  void showsAnyoneTheStatusOfEachHealthComponentButNotItsDetails() {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.details")
        .doesNotExist()
        .jsonPath("$.components.link.details")
        .doesNotExist();
  }

  @Test
  void showsTheDetailedHealthToAdminsOnly() {
    client.get().uri("/health/detailed").exchange().expectStatus().isUnauthorized();
    client.get().uri("/actuator/health/detailed").exchange().expectStatus().isUnauthorized();
    asAdmin(client.get().uri("/health/detailed"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.db.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.details.signatures")
        .exists()
        .jsonPath("$.components.link.details.incoming")
        .isMap()
        .jsonPath("$.components.link.details.outgoing")
        .isMap();
  }

  @Test
  void servesItsMetricsToTheScraperAndToAdminsOnly() {
    for (String path : List.of(ScrapeCredentials.PATH, "/metrics")) {
      client.get().uri(path).exchange().expectStatus().isUnauthorized();
      client
          .get()
          .uri(path)
          .header("Authorization", "Bearer not-the-scrape-token-but-long-enough-to-be")
          .exchange()
          .expectStatus()
          .isUnauthorized();
      String scrape =
          client
              .get()
              .uri(path)
              .header("Authorization", scrapeAuthorization())
              .exchange()
              .expectStatus()
              .isOk()
              .expectHeader()
              .contentTypeCompatibleWith("text/plain")
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
      assertThat(scrape)
          .contains("jvm_memory_used_bytes{")
          .contains("hikaricp_connections_active{")
          .contains("side=\"" + side() + "\"")
          .contains("airlock_transfer_unacknowledged_oldest_age_seconds{")
          .contains("airlock_transfer_peer_silence_seconds{");
      asAdmin(client.get().uri(path)).exchange().expectStatus().isOk();
    }
  }

  @Test
  void isNotReadyWhileItsDatabaseRefusesConnectionsButStaysLive() {
    String database =
        JdbcClient.create(dataSource).sql("select current_database()").query(String.class).single();
    TestPostgres.refuseConnections(database);
    try {
      await("readiness going down without the database")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                client.get().uri("/health/ready").exchange().expectStatus().isEqualTo(503);
                client.get().uri("/health").exchange().expectStatus().isEqualTo(503);
              });
      client.get().uri("/health/live").exchange().expectStatus().isOk();
    } finally {
      TestPostgres.allowConnections(database);
    }
    await("readiness coming back with the database")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> client.get().uri("/health/ready").exchange().expectStatus().isOk());
  }

  @Test
  void isReadyOnlyWhenItsDatabaseAndTransferFoldersAre() {
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.readinessState.status")
        .isEqualTo("UP")
        .jsonPath("$.components.db.status")
        .isEqualTo("UP")
        .jsonPath("$.components.transferFolders.status")
        .isEqualTo("UP");
  }

  @Test
  void isLive() {
    client
        .get()
        .uri("/actuator/health/liveness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }

  @Test
  void tellsWhichNodeItIs() {
    client
        .get()
        .uri("/actuator/info")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.airlock.side")
        .isEqualTo(side())
        .jsonPath("$.airlock.nodeId")
        .isEqualTo(side())
        .jsonPath("$.airlock.senderEpoch")
        .isEqualTo(sender.epoch())
        .jsonPath("$.build.artifact")
        .isEqualTo("airlock-" + side() + "-side")
        .jsonPath("$.queryGrammar.version")
        .isEqualTo(QueryGrammar.VERSION)
        .jsonPath("$.queryGrammar.bucketBudget")
        .isEqualTo(QueryGrammar.MAX_BUCKET_BUDGET);
  }

  @Test
  void servesTheSwaggerUiAtDocs() {
    String page =
        client
            .get()
            .uri("/docs")
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult()
            .getResponseHeaders()
            .getLocation()
            .toString();
    String html =
        client
            .get()
            .uri(page)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(html).contains("<title>Swagger UI</title>");
    client
        .get()
        .uri("/docs/openapi.json/swagger-config")
        .exchange()
        .expectBody()
        .jsonPath("$.url")
        .isEqualTo("/docs/openapi.json");
  }

  @Test
  void describesItsApiAsOpenApiJsonUnderItsOwnTitle() {
    client
        .get()
        .uri("/docs/openapi.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.openapi")
        .value(String.class, version -> assertThat(version).startsWith("3."))
        .jsonPath("$.info.title")
        .isEqualTo(apiTitle())
        .jsonPath("$.paths['/error']")
        .doesNotExist();
  }

  @Test
  void answersAnUnknownPathWithProblemJson404() {
    client
        .get()
        .uri("/no/such/thing")
        .header(RequestId.HEADER, "lost-1")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.instance")
        .isEqualTo("/no/such/thing")
        .jsonPath("$.request_id")
        .isEqualTo("lost-1");
  }

  @Test
  void echoesTheCallersRequestId() {
    client
        .get()
        .uri("/actuator/health")
        .header(RequestId.HEADER, "caller-42")
        .exchange()
        .expectHeader()
        .valueEquals(RequestId.HEADER, "caller-42");
  }

  @Test
  void generatesARequestIdWhenTheCallerGivesNone() {
    String generated =
        client
            .get()
            .uri("/actuator/health")
            .exchange()
            .returnResult()
            .getResponseHeaders()
            .getFirst(RequestId.HEADER);
    assertThat(generated).matches("[0-9a-f-]{36}");
  }
}
