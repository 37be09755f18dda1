package io.airlock.requestside;

import io.airlock.platform.testing.SideContract;
import io.airlock.requestside.users.UserFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

@RequestSideIntegrationTest
class RequestSideContractIntegrationTests extends SideContract {

  @LocalServerPort int localPort;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;

  @Override
  protected String side() {
    return "request";
  }

  @Override
  protected String apiTitle() {
    return ApiDocumentation.TITLE;
  }

  @Override
  protected String adminAuthorization() {
    UserFixture users = new UserFixture(jdbc, passwords, client());
    return "Bearer " + users.accessToken(users.create("admin", true));
  }

  @Override
  protected String scrapeAuthorization() {
    return "Bearer " + RequestSideIntegrationTest.SCRAPE_TOKEN;
  }

  @Test
  void keepsHealthDetailsFromAUserWhoIsNoAdmin() {
    UserFixture users = new UserFixture(jdbc, passwords, client());
    client()
        .get()
        .uri("/actuator/health")
        .header("Authorization", "Bearer " + users.accessToken(users.user()))
        .exchange()
        .expectBody()
        .jsonPath("$.components.transferFolders.details")
        .doesNotExist();
  }

  private RestTestClient client() {
    return RestTestClient.bindToServer().baseUrl("http://localhost:" + localPort).build();
  }
}
