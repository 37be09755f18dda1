package io.airlock.responseside.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The cache through the admin API, on the shared search node: pre-cache, list, remove. */
@AdminApiIntegrationTest
class OperatorCacheIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  RestTestClient admin;

  @BeforeEach
  void admin() {
    admin = AdminApi.asAdmin(port);
  }

  @Test
  void preCachesAQueryListsItAndRemovesIt() {
    String key = prewarm("{\"query\":{\"match\":{\"site\":\"" + UUID.randomUUID() + "\"}}}");

    assertThat(keys("/admin/cache/entries?index=incidents&sort=newest")).contains(key);
    assertThat(logged("Pre-cached a query", key)).isEqualTo(1);

    admin.delete().uri("/admin/cache/entries/{key}", key).exchange().expectStatus().isNoContent();
    assertThat(keys("/admin/cache/entries?index=incidents&size=200")).doesNotContain(key);
    assertThat(logged("Removed a cache entry", key)).isEqualTo(1);
    admin.delete().uri("/admin/cache/entries/{key}", key).exchange().expectStatus().isNotFound();
  }

  @Test
  void clearsAnIndexOrEverything() {
    String key = prewarm("{\"query\":{\"match\":{\"site\":\"" + UUID.randomUUID() + "\"}}}");

    admin.delete().uri("/admin/cache?index=assets").exchange().expectStatus().isOk();
    assertThat(keys("/admin/cache/entries?index=incidents&size=200")).contains(key);
    admin
        .delete()
        .uri("/admin/cache")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.removed")
        .isNumber();
    assertThat(keys("/admin/cache/entries?size=200")).isEmpty();
  }

  @Test
  void refusesAQueryThatBreaksTheRulesNamingTheField() {
    admin
        .post()
        .uri("/admin/cache/prewarm")
        .body(
            Map.of(
                "index",
                "incidents",
                "query_type",
                "search",
                "query_params",
                Map.of("query", Map.of("script", Map.of("source", "1")))))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .value(field -> assertThat((String) field).startsWith("query_params.query"));
    admin
        .post()
        .uri("/admin/cache/prewarm")
        .body(Map.of("index", "incidents", "query_type", "search"))
        .exchange()
        .expectStatus()
        .isBadRequest();
    admin.get().uri("/admin/cache/entries?sort=random").exchange().expectStatus().isBadRequest();
  }

  @Test
  void refusesOperatorsWhoAreNotAdmins() {
    String plain = AdminApi.uniqueUsername("plain");
    AdminApi.createHighSideAccount(admin, plain, "user", "user-password-1");

    AdminApi.as(port, plain, "user-password-1")
        .delete()
        .uri("/admin/cache")
        .exchange()
        .expectStatus()
        .isForbidden();
    AdminApi.anonymous(port)
        .get()
        .uri("/admin/cache/entries")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @SuppressWarnings("unchecked")
  private String prewarm(String params) {
    Map<String, Object> created =
        admin
            .post()
            .uri("/admin/cache/prewarm")
            .body(
                Map.of(
                    "index",
                    "incidents",
                    "query_type",
                    "search",
                    "query_params",
                    tools.jackson.databind.json.JsonMapper.shared().readValue(params, Map.class)))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) created.get("cache_key");
  }

  @SuppressWarnings("unchecked")
  private List<String> keys(String uri) {
    Map<String, Object> page =
        admin
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(entry -> (String) entry.get("cache_key")).toList();
  }

  private long logged(String message, String key) {
    return jdbc.sql(
            """
            select count(*) from system_logs where component = 'operator' and message = :message
              and details ->> 'cache_key' = :key and details ->> 'operator' = :operator""")
        .param("message", message)
        .param("key", key)
        .param("operator", AdminApi.ADMIN)
        .query(Long.class)
        .single();
  }
}
