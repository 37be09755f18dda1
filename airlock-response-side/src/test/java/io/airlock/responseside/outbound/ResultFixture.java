package io.airlock.responseside.outbound;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Answers in {@code query_results} as the executor and importer leave them, decided some time ago.
 */
final class ResultFixture {

  private final JdbcClient jdbc;

  ResultFixture(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  UUID completed(Duration age) {
    return completed(age, "{\"hits\": {\"total\": {\"value\": 3}}}");
  }

  UUID completed(Duration age, String result) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into query_results (request_id, trace_id, outcome, result, result_sha256,
                result_bytes, execution_ms, cache_hit, received_at, decided_at)
            values (:id, :trace, 'completed', cast(:result as jsonb), repeat('ab', 32),
                octet_length(:result), 12, true,
                now() - :ageMs * interval '1 millisecond' - interval '1 second',
                now() - :ageMs * interval '1 millisecond')""")
        .param("id", id)
        .param("trace", "trace-" + id)
        .param("result", result)
        .param("ageMs", age.toMillis())
        .update();
    return id;
  }

  /** A failure of the given outcome ({@code failed}, {@code expired}, {@code cancelled}). */
  UUID ended(Duration age, String outcome, String reasonCode, boolean received) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into query_results (request_id, trace_id, outcome, reason_code, reason_detail,
                received_at, decided_at)
            values (:id, :trace, :outcome, :reason, 'because ' || :reason,
                case when :received then now() - :ageMs * interval '1 millisecond'
                                         - interval '1 second' end,
                now() - :ageMs * interval '1 millisecond')""")
        .param("id", id)
        .param("trace", "trace-" + id)
        .param("outcome", outcome)
        .param("reason", reasonCode)
        .param("received", received)
        .param("ageMs", age.toMillis())
        .update();
    return id;
  }

  /**
   * {@code count} completed results, oldest first in the returned order, all older than {@code
   * age}: one millisecond apart, so the export order is the list order.
   */
  List<UUID> completedInOrder(int count, Duration age) {
    String trace = "bulk-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into query_results (request_id, trace_id, outcome, result, result_sha256,
                result_bytes, execution_ms, cache_hit, received_at, decided_at)
            select gen_random_uuid(), :trace, 'completed', cast('{"n": ' || i || '}' as jsonb),
                   repeat('cd', 32), 10, 1, false, now() - interval '1 day',
                   now() - :ageMs * interval '1 millisecond' - (:count - i) * interval '1 millisecond'
            from generate_series(1, :count) i""")
        .param("trace", trace)
        .param("ageMs", age.toMillis())
        .param("count", count)
        .update();
    return jdbc.sql(
            "select request_id from query_results where trace_id = :trace order by decided_at")
        .param("trace", trace)
        .query(UUID.class)
        .list();
  }
}
