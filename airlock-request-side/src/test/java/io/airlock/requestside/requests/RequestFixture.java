package io.airlock.requestside.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profile types, submitted requests and imported responses for tests, written straight into the
 * database: the importers that fill these tables have tests of their own.
 */
public class RequestFixture {

  /**
   * A profile type of these tests' own, so that other tests' profile types (the directory import
   * writes some) cannot change the limits these tests rely on.
   */
  public static final String PROFILE = "request-tests";

  public static final int MAX_PRIORITY = 5;
  public static final int MAX_RESULT_SIZE = 500;

  private final JdbcClient jdbc;
  private final RestTestClient client;

  private final UserFixture users;

  public RequestFixture(JdbcClient jdbc, RestTestClient client, UserFixture users) {
    this.jdbc = jdbc;
    this.client = client;
    this.users = users;
    jdbc.sql(
            """
            insert into profile_types (name, per_minute, per_hour, per_day, max_priority,
                                       allowed_indices, max_result_size, version)
            values (:name, 100, 1000, 10000, :maxPriority, '{logs,metrics}', :maxResultSize, 1)
            on conflict (name) do update
            set max_priority = excluded.max_priority, allowed_indices = excluded.allowed_indices,
                max_result_size = excluded.max_result_size
            """)
        .param("name", PROFILE)
        .param("maxPriority", MAX_PRIORITY)
        .param("maxResultSize", MAX_RESULT_SIZE)
        .update();
  }

  /** A new user of this fixture's profile type. */
  public User user() {
    User user = users.user();
    jdbc.sql("update users set profile_type = :profile where id = :id")
        .param("profile", PROFILE)
        .param("id", user.id())
        .update();
    return user;
  }

  public static Map<String, Object> search(String index, String paramsJson, int priority) {
    return Map.of(
        "index",
        index,
        "query_type",
        "search",
        "query_params",
        JsonMapper.shared().readValue(paramsJson, Map.class),
        "priority",
        priority);
  }

  public RestTestClient.ResponseSpec post(String token, Object body) {
    return client
        .post()
        .uri("/requests")
        .header("Authorization", "Bearer " + token)
        .body(body)
        .exchange();
  }

  /** Submits a valid search and returns its id. */
  public UUID submit(String token) {
    Map<?, ?> accepted =
        post(token, search("logs", "{\"query\":{\"match_all\":{}},\"size\":5}", 1))
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return UUID.fromString((String) accepted.get("id"));
  }

  /** A new API key of the token's user, with the scope to read requests: the key itself. */
  public String apiKey(String token) {
    return (String) createApiKey(token, "requests:read").get("key");
  }

  /**
   * A new API key of the token's user, with these scopes, as {@code POST /api-keys} answers it:
   * {@code key}, and {@code encoded} as Elasticsearch clients take it.
   */
  public Map<?, ?> createApiKey(String token, String... scopes) {
    return client
        .post()
        .uri("/api-keys")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("name", "script", "scopes", List.of(scopes)))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  public RestTestClient.ResponseSpec get(String token, String uri, Object... variables) {
    return client.get().uri(uri, variables).header("Authorization", "Bearer " + token).exchange();
  }

  public void status(UUID id, String status) {
    assertThat(
            jdbc.sql("update requests set status = :status where id = :id")
                .param("status", status)
                .param("id", id)
                .update())
        .isOne();
  }

  /** The request as the exporter leaves it once its batch is durable. */
  public void exported(UUID id) {
    jdbc.sql("update requests set status = 'exported', exported_at = now() where id = :id")
        .param("id", id)
        .update();
  }

  /** The request as the result importer leaves it: completed, stages stamped, response stored. */
  public void responded(UUID id, String resultJson, String sha256) {
    jdbc.sql(
            """
            update requests set status = 'completed', exported_at = submitted_at,
                   received_at = now(), executed_at = now(), result_exported_at = now(),
                   result_received_at = now()
            where id = :id
            """)
        .param("id", id)
        .update();
    jdbc.sql(
            """
            insert into responses (request_id, result, execution_ms, cache_hit, result_sha256)
            values (:id, cast(:result as jsonb), 42, true, :sha256)
            """)
        .param("id", id)
        .param("result", resultJson)
        .param("sha256", sha256)
        .update();
  }

  public long requestsOf(User user) {
    return jdbc.sql("select count(*) from requests where owner_id = :id")
        .param("id", user.id())
        .query(Long.class)
        .single();
  }
}
