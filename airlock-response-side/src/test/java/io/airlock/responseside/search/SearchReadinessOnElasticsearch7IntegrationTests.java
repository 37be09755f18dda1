package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.AirlockTestInitializer;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.SharedElasticsearch7Initializer;
import io.airlock.searchnode.Elasticsearch7Launcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/** The whole side on Elasticsearch 7, switched to it by {@link SharedElasticsearch7Initializer}. */
@ResponseSideIntegrationTest
@TestPropertySource(
    properties = {
      "airlock.bootstrap.admin-username=" + AdminApi.ADMIN,
      "airlock.bootstrap.admin-password=" + AdminApi.ADMIN_PASSWORD
    })
@ContextConfiguration(
    initializers = {AirlockTestInitializer.class, SharedElasticsearch7Initializer.class})
class SearchReadinessOnElasticsearch7IntegrationTests {

  @LocalServerPort int port;
  @Autowired ConfigurableEnvironment environment;

  @Test
  void isReadyOnElasticsearch7WithItsOwnTestDatabase() {
    assertThat(environment.getProperty("airlock.search.url"))
        .isEqualTo(Elasticsearch7Launcher.shared().url());
    // Without AirlockTestInitializer the side would quietly start its own embedded database.
    assertThat(environment.getPropertySources().contains("airlockTestContext")).isTrue();
    AdminApi.asAdmin(port)
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.search.details.distribution")
        .isEqualTo("elasticsearch")
        .jsonPath("$.components.search.details.version")
        .isEqualTo("7.17.29");
  }
}
