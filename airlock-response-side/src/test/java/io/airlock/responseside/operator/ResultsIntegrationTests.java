package io.airlock.responseside.operator;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The answers, through GET /admin/results and the console's results page. */
@AdminApiIntegrationTest
class ResultsIntegrationTests extends ConsoleBrowserTest {

  @Autowired JdbcClient jdbc;

  @Test
  void listsTheAnswersByOutcomeCacheAndAcknowledgement() {
    UUID hit = answer("completed", true, 7L, true);
    UUID failed = answer("failed", false, null, false);

    assertThat(ids("/admin/results?outcome=completed&cache_hit=true&acknowledged=true"))
        .contains(hit);
    assertThat(ids("/admin/results?outcome=completed&cache_hit=true&acknowledged=true"))
        .doesNotContain(failed);
    assertThat(ids("/admin/results?outcome=failed&acknowledged=false")).contains(failed);
    AdminApi.asAdmin(port)
        .get()
        .uri("/admin/results?outcome=lost")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void theResultsPageShowsEachAnswersRunBatchAndPreview() {
    UUID hit = answer("completed", true, 7L, true);
    signIn();

    page.getByText("Results").first().click();
    page.locator("select[name=cache_hit]").selectOption("true");
    page.locator("form[role=search] button").click();
    assertThat(page.locator("tr[data-request='" + hit + "']")).containsText("acknowledged");
    assertThat(page.locator("tr[data-request='" + hit + "']")).containsText("{\"hits\"");
    Browser.assertAccessible(page);
  }

  private UUID answer(String outcome, boolean cacheHit, Long sequence, boolean acknowledged) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into query_results (request_id, outcome, result, reason_code, execution_ms,
                cache_hit, result_bytes, export_sequence, exported_at, acknowledged_at)
            values (:id, :outcome,
                case when :outcome = 'completed' then '{"hits": {"hits": []}}'::jsonb end,
                case when :outcome = 'completed' then null else 'search_failed' end,
                12, :hit, 20, cast(:sequence as bigint),
                case when cast(:sequence as bigint) is null then null else now() end,
                case when :acknowledged then now() end)""")
        .param("id", id)
        .param("outcome", outcome)
        .param("hit", cacheHit)
        .param("sequence", sequence)
        .param("acknowledged", acknowledged)
        .update();
    return id;
  }

  @SuppressWarnings("unchecked")
  private List<UUID> ids(String uri) {
    Map<String, Object> page =
        AdminApi.asAdmin(port)
            .get()
            .uri(uri + "&size=200")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(row -> UUID.fromString((String) row.get("request_id"))).toList();
  }
}
