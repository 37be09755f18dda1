package io.airlock.responseside.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The system log through the admin API: filters, one entry, and the CSV export. */
@AdminApiIntegrationTest
class SystemLogApiIntegrationTests {

  @LocalServerPort int port;
  @Autowired SystemLog log;
  RestTestClient admin;
  String component;

  @BeforeEach
  void entries() {
    admin = AdminApi.asAdmin(port);
    component = AdminApi.uniqueUsername("component");
    log.record(SystemLog.Level.INFO, component, "All is well", Map.of("note", "quiet"));
    log.record(
        SystemLog.Level.WARN, component, "Disk filling, said \"ops\"", Map.of("percent", 85));
    log.record(SystemLog.Level.ERROR, component, "=cmd()", Map.of("percent", 99));
  }

  @Test
  void filtersByLevelComponentTextAndRange() {
    assertThat(messages("/admin/system-logs?component={c}", component))
        .containsExactly("=cmd()", "Disk filling, said \"ops\"", "All is well");
    assertThat(messages("/admin/system-logs?component={c}&level=WARN,error", component))
        .containsExactly("=cmd()", "Disk filling, said \"ops\"");
    assertThat(messages("/admin/system-logs?component={c}&q=QUIET", component))
        .containsExactly("All is well");
    assertThat(
            messages(
                "/admin/system-logs?component={c}&to={t}",
                component,
                Instant.now().minusSeconds(3600).toString()))
        .isEmpty();
    admin.get().uri("/admin/system-logs?level=LOUD").exchange().expectStatus().isBadRequest();
  }

  @Test
  void showsOneEntryWithItsFieldsAndRefusesAnUnknownOne() {
    Map<?, ?> first = entries("/admin/system-logs?component={c}&level=WARN", component).get(0);

    admin
        .get()
        .uri("/admin/system-logs/{id}", first.get("id"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.details")
        .value(details -> assertThat((String) details).contains("\"percent\": 85"));
    admin
        .get()
        .uri("/admin/system-logs/{id}", Long.MAX_VALUE)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void exportsTheFilteredEntriesAsCsvDefusingFormulas() {
    String csv =
        admin
            .get()
            .uri("/admin/system-logs?component={c}&level=WARN&level=ERROR", component)
            .header("Accept", "text/csv")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("Content-Disposition", "attachment; filename=\"system-logs.csv\"")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String[] lines = csv.split("\r\n");

    assertThat(lines).hasSize(3);
    assertThat(lines[0]).isEqualTo("id,at,level,component,message,details");
    assertThat(lines[1]).contains(",ERROR," + component + ",'=cmd(),");
    assertThat(lines[2]).contains(",WARN," + component + ",\"Disk filling, said \"\"ops\"\"\",");
  }

  private List<String> messages(String uri, Object... variables) {
    return entries(uri, variables).stream().map(entry -> (String) entry.get("message")).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> entries(String uri, Object... variables) {
    Map<String, Object> page =
        admin
            .get()
            .uri(uri, variables)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (List<Map<String, Object>>) page.get("items");
  }
}
