package io.airlock.requestside.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cancellations of exported requests, waiting for the exporter to send them across the gap. */
@Repository
class RequestCancellations {

  private final JdbcClient jdbc;

  RequestCancellations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a cancellation unless the request already has one.
   *
   * @param traceId the request id of the call that cancels, if any
   */
  void add(UUID requestId, UUID userId, Instant requestedAt, String traceId) {
    jdbc.sql(
            """
            insert into request_cancellations (id, request_id, user_id, requested_at, trace_id)
            values (:id, :requestId, :userId, :requestedAt, :traceId)
            on conflict (request_id) do nothing
            """)
        .param("id", UUID.randomUUID())
        .param("requestId", requestId)
        .param("userId", userId)
        .param("requestedAt", Timestamp.from(requestedAt))
        .param("traceId", traceId)
        .update();
  }
}
