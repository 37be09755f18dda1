package io.airlock.requestside.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.transfer.query.QueryGrammar;
import io.airlock.transfer.query.RefusedQueries;
import io.airlock.transfer.query.RefusedQueries.Construct;
import io.airlock.transfer.query.RefusedQueries.Placement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Nothing that names another index or stored object, or runs code, gets past submission (issue 11),
 * wherever in the query it stands, even for a user whose profile allows the index the request
 * names: a 400 naming where the fault lies, and nothing stored to cross the gap.
 */
@RequestSideIntegrationTest
class QueryFirewallIntegrationTests extends SignedInRequester {

  private static final String PROFILE = "query-firewall-tests";
  private static final String INDEX = "incidents";

  @BeforeEach
  void allowTheIndex() {
    jdbc.sql(
            """
            insert into profile_types (name, per_minute, per_hour, per_day, max_priority,
                                       allowed_indices, max_result_size, version)
            values (:name, 100, 1000, 10000, 5, '{incidents}', 100, 1)
            on conflict (name) do nothing
            """)
        .param("name", PROFILE)
        .update();
    jdbc.sql("update users set profile_type = :profile where id = :id")
        .param("profile", PROFILE)
        .param("id", user.id())
        .update();
  }

  static List<Placement> placements() {
    return RefusedQueries.PLACEMENTS;
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("io.airlock.transfer.query.RefusedQueries#everyConstructInEveryPlace")
  void refusesAConstructThatReachesOutsideTheIndexNamingWhereItStands(
      Construct construct, Placement placement) {
    refused(placement.params(construct), placement.faultPath(construct));
  }

  @Test
  void refusesTheTermsLookupTheIssueSubmitted() {
    // As the issue gives it, with the priority the API requires.
    refused(
        "{\"query\":{\"terms\":{\"severity\":{\"index\":\"secret\",\"id\":\"1\",\"path\":\"owner\"}}}}",
        "query_params.query.terms.severity");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placements")
  void acceptsTheSameRequestWithAnAcceptedClauseInItsPlace(Placement placement) {
    Construct match = new Construct("match", QueryGrammar.clauseTable().get("match").example(), "");

    post(placement.params(match)).expectStatus().isAccepted();

    assertThat(requests.requestsOf(user)).isOne();
  }

  private void refused(String params, String faultPath) {
    post(params)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Invalid request")
        .jsonPath("$.errors.length()")
        .isEqualTo(1)
        .jsonPath("$.errors[0].field")
        .isEqualTo(faultPath)
        .jsonPath("$.errors[0].message")
        .isNotEmpty();
    assertThat(requests.requestsOf(user)).as("requests stored").isZero();
  }

  private RestTestClient.ResponseSpec post(String params) {
    return client
        .post()
        .uri("/requests")
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            "{\"index\":\"%s\",\"query_type\":\"search\",\"priority\":1,\"query_params\":%s}"
                .formatted(INDEX, params))
        .exchange();
  }
}
