package io.airlock.responseside.queue;

import io.airlock.transfer.query.CanonicalJson;
import io.airlock.transfer.query.QueryRules;
import io.airlock.transfer.records.QueryType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Queued requests as the importer leaves them, and what became of them. */
public final class QueueFixture {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final JdbcClient jdbc;

  public QueueFixture(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Cancels whatever earlier tests on this database left queued or running, so that claims see only
   * the calling test's requests.
   */
  public void drain() {
    jdbc.sql(
            "update incoming_requests set status = 'cancelled', lease_owner = null,"
                + " lease_until = null where status in ('queued', 'processing')")
        .update();
  }

  public UUID enqueue(String index, QueryType type, String params, int priority) {
    return enqueue(index, type, params, priority, null);
  }

  /** Queues a request, received now, with the cache key the importer computes. */
  public UUID enqueue(String index, QueryType type, String params, int priority, Instant deadline) {
    UUID id = UUID.randomUUID();
    JsonNode canonical = CanonicalJson.sorted(JSON.readTree(params));
    jdbc.sql(
            """
            insert into incoming_requests (request_id, trace_id, index_name, query_type,
                query_params, requested_priority, priority, cache_key, status, deadline,
                received_at)
            values (:id, :traceId, :index, :type, cast(:params as jsonb), :priority, :priority,
                :cacheKey, 'queued', :deadline, clock_timestamp())
            """)
        .param("id", id)
        .param("traceId", "trace-" + id)
        .param("index", index)
        .param("type", type.wireName())
        .param("params", JSON.writeValueAsString(canonical))
        .param("priority", priority)
        .param("cacheKey", QueryRules.cacheKey(index, type, canonical))
        .param("deadline", deadline == null ? null : Timestamp.from(deadline))
        .update();
    return id;
  }

  /** The request's row in {@code incoming_requests}. */
  public Map<String, Object> request(UUID id) {
    return jdbc.sql("select * from incoming_requests where request_id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }

  public String status(UUID id) {
    return (String) request(id).get("status");
  }

  /** The request's answer in {@code query_results}, the result as text; empty if none. */
  public Map<String, Object> answer(UUID id) {
    return jdbc
        .sql(
            "select outcome, result::text as result, result_sha256, result_bytes, reason_code,"
                + " reason_detail, execution_ms, cache_hit from query_results"
                + " where request_id = :id")
        .param("id", id)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(Map.of());
  }

  /**
   * Lets {@code time} pass for every lease held: each runs out that much sooner, as if workers had
   * held them that long (leases are the database's time, which a test cannot move otherwise).
   */
  public void passLeaseTime(Duration time) {
    jdbc.sql(
            "update incoming_requests set lease_until = lease_until - :ms * interval '1 millisecond'"
                + " where lease_until is not null")
        .param("ms", time.toMillis())
        .update();
  }

  /** Makes a request waiting to be retried ready now. */
  public void readyNow(UUID id) {
    jdbc.sql("update incoming_requests set next_attempt_at = now() where request_id = :id")
        .param("id", id)
        .update();
  }
}
