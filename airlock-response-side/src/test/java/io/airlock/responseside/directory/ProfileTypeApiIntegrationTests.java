package io.airlock.responseside.directory;

import static io.airlock.responseside.directory.UserApiIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

@AdminApiIntegrationTest
class ProfileTypeApiIntegrationTests {

  @LocalServerPort int port;
  RestTestClient admin;

  @BeforeEach
  void connect() {
    admin = AdminApi.asAdmin(port);
  }

  @Test
  void listsTheSeededStandardProfileType() {
    admin
        .get()
        .uri("/admin/profile-types")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.name == 'standard')].allowed_indices[*]")
        .value(
            indices ->
                assertThat(indices)
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactly("incidents", "assets"))
        .jsonPath("$[?(@.name == 'standard')].max_priority")
        .isEqualTo(5)
        .jsonPath("$[?(@.name == 'standard')].max_result_size")
        .isEqualTo(1000);
  }

  @Test
  void createsAndUpdatesAProfileType() {
    String name = uniqueName();
    admin
        .post()
        .uri("/admin/profile-types")
        .body(profileType(name))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectHeader()
        .valueEquals("Location", "/admin/profile-types/" + name)
        .expectBody()
        .jsonPath("$.per_minute")
        .isEqualTo(5)
        .jsonPath("$.allowed_indices[0]")
        .isEqualTo("incidents");

    Map<String, Object> changed = profileType(name);
    changed.remove("name");
    changed.put("per_day", 7000);
    changed.put("allowed_indices", List.of("assets", "logs-2026.11"));
    admin
        .put()
        .uri("/admin/profile-types/{name}", name)
        .body(changed)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.per_day")
        .isEqualTo(7000)
        .jsonPath("$.allowed_indices[1]")
        .isEqualTo("logs-2026.11");

    admin
        .get()
        .uri("/admin/profile-types/{name}", name)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.per_day")
        .isEqualTo(7000);
  }

  @Test
  void answersAnUnknownProfileTypeWith404() {
    Map<String, Object> body = profileType("ignored");
    body.remove("name");
    problem(admin.put().uri("/admin/profile-types/no-such-type").body(body).exchange(), 404);
    problem(admin.get().uri("/admin/profile-types/no-such-type").exchange(), 404);
  }

  @Test
  void refusesAnExistingNameWith409() {
    problem(admin.post().uri("/admin/profile-types").body(profileType("standard")).exchange(), 409);
  }

  @Test
  void refusesInvalidFieldsWith400NamingEachOfThem() {
    Map<String, Object> body = profileType("Not A Name");
    body.put("max_priority", 11);
    body.put("max_result_size", 1001);
    body.put("allowed_indices", List.of("logs-*"));
    body.remove("per_hour");

    problem(admin.post().uri("/admin/profile-types").body(body).exchange(), 400)
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat(fields)
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactlyInAnyOrder(
                        "allowed_indices[0]",
                        "max_priority",
                        "max_result_size",
                        "name",
                        "per_hour"));
  }

  static String uniqueName() {
    return "type-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Map<String, Object> profileType(String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("per_minute", 5);
    body.put("per_hour", 100);
    body.put("per_day", 500);
    body.put("max_priority", 3);
    body.put("allowed_indices", List.of("incidents"));
    body.put("max_result_size", 200);
    return body;
  }
}
