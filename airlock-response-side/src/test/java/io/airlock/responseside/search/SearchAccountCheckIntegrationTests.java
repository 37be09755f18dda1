package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.search.AccountCheck.Confined;
import io.airlock.responseside.search.AccountCheck.NotChecked;
import io.airlock.responseside.search.AccountCheck.Overreaching;
import io.airlock.responseside.search.AccountCheck.Postponed;
import io.airlock.responseside.search.AccountCheck.Unverifiable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The check of the engine account against engines with security, played by a JDK HTTP server (the
 * embedded nodes have no security plugin), and against the real nodes, which have none.
 */
@ExtendWith(OutputCaptureExtension.class)
class SearchAccountCheckIntegrationTests {

  static final Set<String> ALLOWED = Set.of("incidents");

  static final String AUTHENTICATE = "GET /_security/_authenticate";
  static final String ACCOUNT = "GET /_plugins/_security/api/account";
  static final String LIST = "GET /_resolve/index/*?expand_wildcards=open";
  static final String SEARCH_ALL = "POST /*/_search?size=0";

  static final String ELASTICSEARCH_USER =
      """
      {"username":"airlock","roles":["airlock_reader"],"full_name":null,"enabled":true,
       "authentication_realm":{"name":"default_native","type":"native"}}
      """;
  static final String OPENSEARCH_USER =
      """
      {"user_name":"airlock","is_reserved":false,"is_hidden":false,"is_internal_user":true,
       "user_requested_tenant":null,"backend_roles":[],"custom_attribute_names":[],
       "tenants":{"airlock":true},"roles":["airlock_reader","own_index"]}
      """;
  static final String HITS = "{\"took\":1,\"hits\":{\"total\":{\"value\":3},\"hits\":[]}}";
  static final String FORBIDDEN =
      """
      {"error":{"type":"security_exception","reason":"no permissions for [indices:data/read/search]
       and User [name=airlock, backend_roles=[], requestedTenant=null]"},"status":403}
      """;

  final EngineWithSecurity engine = new EngineWithSecurity();

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  @Test
  void warnsOnceOfAnElasticsearchAccountThatCanReadAnIndexOutsideTheAllowedOnes(
      CapturedOutput output) {
    engine
        .answering("GET /_security/_authenticate", 200, ELASTICSEARCH_USER)
        .answering(LIST, 200, resolved(".security-7", "incidents", "secret"))
        .answering("POST /secret/_search?size=0", 200, HITS);
    SearchAccountCheck check = check();

    AccountCheck outcome = check.run();
    check.run();

    assertThat(outcome)
        .isEqualTo(new Overreaching("airlock", List.of("airlock_reader"), List.of("secret")));
    Health health = new SearchAccountHealthIndicator(check).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("user", "airlock")
        .containsEntry("readableOutsideAllowList", List.of("secret"));
    assertThat((String) health.getDetails().get("warning")).contains("airlock").contains("secret");
    assertThat(engine.calls())
        .as("allowed and system indices are not searched")
        .doesNotContain("POST /incidents/_search?size=0", "POST /.security-7/_search?size=0");
    assertThat(output.getAll().split("can read indices outside the allowed ones", -1))
        .as("one warning for two runs that found the same")
        .hasSize(2);
    assertThat(output.getAll()).contains("WARN");
  }

  @Test
  void isConfinedWhenTheAccountSeesOnlyTheAllowedIndices() {
    engine
        .answering(AUTHENTICATE, 200, ELASTICSEARCH_USER)
        .answering(LIST, 200, resolved(".kibana_1", "incidents"));
    SearchAccountCheck check = check();

    AccountCheck outcome = check.run();

    assertThat(outcome).isEqualTo(new Confined("airlock", List.of("airlock_reader"), 0));
    assertThat(engine.calls()).containsExactly(AUTHENTICATE, LIST);
    assertThat(new SearchAccountHealthIndicator(check).health().getDetails())
        .doesNotContainKeys("warning", "readableOutsideAllowList");
  }

  @Test
  void isConfinedWhenTheEngineRefusesToSearchTheIndicesOutsideTheAllowedOnes() {
    engine
        .answering(AUTHENTICATE, 200, ELASTICSEARCH_USER)
        .answering(LIST, 200, resolved("incidents", "secret"))
        .answering("POST /secret/_search?size=0", 403, FORBIDDEN);
    SearchAccountCheck check = check();

    AccountCheck outcome = check.run();

    assertThat(outcome).isEqualTo(new Confined("airlock", List.of("airlock_reader"), 1));
    Health health = new SearchAccountHealthIndicator(check).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).doesNotContainKey("warning");
  }

  @Test
  void warnsOfAnAliasThatReachesAnIndexOutsideTheAllowedOnes() {
    engine
        .answering(AUTHENTICATE, 200, ELASTICSEARCH_USER)
        .answering(
            LIST,
            200,
            """
            {"indices":[{"name":"incidents","aliases":["everything"],"attributes":["open"]},
                        {"name":"secret","aliases":["everything"],"attributes":["open"]}],
             "aliases":[{"name":"everything","indices":["incidents","secret"]}],
             "data_streams":[]}
            """)
        .answering("POST /secret/_search?size=0", 403, FORBIDDEN)
        .answering("POST /everything/_search?size=0", 200, HITS);

    AccountCheck outcome = check().run();

    assertThat(outcome)
        .isEqualTo(new Overreaching("airlock", List.of("airlock_reader"), List.of("everything")));
  }

  @Test
  void cannotFullyVerifyAnOpenSearchAccountThatMayNotListEveryIndex() {
    engine
        .answering(ACCOUNT, 200, OPENSEARCH_USER)
        .answering(LIST, 403, FORBIDDEN)
        .answering(SEARCH_ALL, 403, FORBIDDEN);
    SearchAccountCheck check = check();

    AccountCheck outcome = check.run();

    assertThat(outcome)
        .isEqualTo(
            new Unverifiable(
                "airlock", List.of("airlock_reader", "own_index"), AccountInspection.CANNOT_LIST));
    Health health = new SearchAccountHealthIndicator(check).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("verified", false).doesNotContainKey("warning");
    assertThat((String) health.getDetails().get("check"))
        .contains(AccountInspection.CANNOT_LIST)
        .endsWith("not fully verifiable");
  }

  @Test
  void namesTheIndicesWithDataOfAnOpenSearchAccountThatCanSearchEveryIndex() {
    engine
        .answering(ACCOUNT, 200, OPENSEARCH_USER)
        .answering(LIST, 403, FORBIDDEN)
        .answering(
            SEARCH_ALL,
            200,
            """
            {"hits":{"total":{"value":9}},"aggregations":{"indices":{"buckets":[
              {"key":".kibana_1","doc_count":1},{"key":"incidents","doc_count":5},
              {"key":"secret","doc_count":3}]}}}
            """);

    AccountCheck outcome = check().run();

    assertThat(outcome)
        .isEqualTo(
            new Overreaching("airlock", List.of("airlock_reader", "own_index"), List.of("secret")));
  }

  @Test
  void doesNotCheckAnEngineWithoutSecurity() {
    SearchAccountCheck check = check();

    AccountCheck outcome = check.run();

    assertThat(outcome).isEqualTo(new NotChecked(AccountInspection.SECURITY_OFF));
    assertThat(engine.calls()).containsExactly(AUTHENTICATE, ACCOUNT);
    Health health = new SearchAccountHealthIndicator(check).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("check", AccountInspection.SECURITY_OFF)
        .doesNotContainKey("warning");
  }

  @Test
  void triesAgainLaterWhenTheEngineDoesNotAnswer() {
    SearchAccountCheck check =
        new SearchAccountCheck(SearchFixture.engine(SearchFixture.closedPort()), () -> ALLOWED);

    AccountCheck outcome = check.run();

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Postponed.class,
            postponed -> assertThat(postponed.reason()).startsWith("connection failed: "));
  }

  @OnEachEngine
  void doesNotCheckARealNodeWithoutSecurityPlugin(EngineUnderTest node) {
    AccountCheck outcome = new SearchAccountCheck(node.engine(), () -> ALLOWED).run();

    assertThat(outcome).isEqualTo(new NotChecked(AccountInspection.SECURITY_OFF));
  }

  private SearchAccountCheck check() {
    return new SearchAccountCheck(SearchFixture.engine(engine.url()), () -> ALLOWED);
  }

  /** A {@code _resolve/index} answer listing these open indices and nothing else. */
  private static String resolved(String... names) {
    List<String> indices = new ArrayList<>();
    for (String name : names) {
      indices.add("{\"name\":\"" + name + "\",\"attributes\":[\"open\"]}");
    }
    return "{\"indices\":[" + String.join(",", indices) + "],\"aliases\":[],\"data_streams\":[]}";
  }
}
