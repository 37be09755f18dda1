package io.airlock.responseside.directory;

import static io.airlock.responseside.directory.UserApiIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

@AdminApiIntegrationTest
class SettingApiIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  RestTestClient admin;

  @BeforeEach
  void connect() {
    admin = AdminApi.asAdmin(port);
  }

  @Test
  void createsThenChangesASettingWithANewVersionEachTime() {
    String key = "retention." + UUID.randomUUID().toString().substring(0, 8);
    Number first = put(key, "P7D");
    Number second = put(key, "P30D");

    assertThat(second.longValue()).isGreaterThan(first.longValue());
    admin
        .get()
        .uri("/admin/settings")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.key == '%s')].value".formatted(key))
        .isEqualTo("P30D");
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from system_logs
                     where component = 'directory' and message = 'setting changed'
                       and details ->> 'key' = :key and details ->> 'actor' = :actor
                    """)
                .param("key", key)
                .param("actor", AdminApi.ADMIN)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void refusesAMissingValueWith400() {
    Map<String, Object> body = new HashMap<>();
    body.put("value", null);
    problem(admin.put().uri("/admin/settings/banner").body(body).exchange(), 400)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("value");
  }

  @Test
  void refusesAnInvalidKeyWith400() {
    problem(admin.put().uri("/admin/settings/Bad Key").body(Map.of("value", "x")).exchange(), 400)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("key");
  }

  private Number put(String key, String value) {
    return (Number)
        admin
            .put()
            .uri("/admin/settings/{key}", key)
            .body(Map.of("value", value))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("version");
  }
}
