package io.airlock.requestside.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a request ends when the response side's answer arrives: completed with its response stored,
 * or failed, expired or cancelled with the reason. Called in the transaction that applies the
 * answer's batch, after {@link #awaiting} locked the request; each returns the request's stages as
 * the answer left them.
 */
@Repository
public class RequestAnswers {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  RequestAnswers(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A request an answer arrives for: its status, and the trace its submission began. */
  public record Awaited(RequestStatus status, String traceparent) {}

  /**
   * The request's status, locking it until the transaction ends so that its answer is applied once;
   * empty if there is no such request.
   */
  public Optional<Awaited> awaiting(UUID id) {
    return jdbc.sql("select status, traceparent from requests where id = :id for update")
        .param("id", id)
        .query(
            (rs, row) ->
                new Awaited(
                    RequestStatus.fromWireName(rs.getString("status")).orElseThrow(),
                    rs.getString("traceparent")))
        .optional();
  }

  /**
   * Completes the request with its result.
   *
   * @param receivedAt when the response side received it (its clock)
   * @param executedAt when the response side ran it (its clock)
   * @param resultExportedAt when the answer's batch was made (the response side's clock), null when
   *     unknown
   */
  public Stages completed(
      UUID id,
      JsonNode result,
      long executionMs,
      boolean cacheHit,
      String resultSha256,
      Instant receivedAt,
      Instant executedAt,
      Instant resultExportedAt) {
    jdbc.sql(
            """
            insert into responses (request_id, result, execution_ms, cache_hit, result_sha256)
            values (:id, cast(:result as jsonb), :executionMs, :cacheHit, :sha256)""")
        .param("id", id)
        .param("result", json.writeValueAsString(result))
        .param("executionMs", executionMs)
        .param("cacheHit", cacheHit)
        .param("sha256", resultSha256)
        .update();
    return settle(id, RequestStatus.COMPLETED, null, receivedAt, executedAt, resultExportedAt);
  }

  /**
   * Ends the request without a result: failed, expired or cancelled, with the reason.
   *
   * @param receivedAt when the response side received it, null if it never did or it is unknown
   */
  public Stages ended(
      UUID id, RequestStatus status, String reason, Instant receivedAt, Instant resultExportedAt) {
    return settle(id, status, reason, receivedAt, null, resultExportedAt);
  }

  // Received and executed are the response side's clock, as is the batch's creation (when the
  // answer was exported); result received is this side's.
  private Stages settle(
      UUID id,
      RequestStatus status,
      String reason,
      Instant receivedAt,
      Instant executedAt,
      Instant resultExportedAt) {
    return jdbc.sql(
            """
            update requests set status = :status, status_reason = :reason,
                received_at = coalesce(cast(:receivedAt as timestamptz), received_at),
                executed_at = coalesce(cast(:executedAt as timestamptz), executed_at),
                result_exported_at = cast(:resultExportedAt as timestamptz), result_received_at = now()
            where id = :id
            returning submitted_at, exported_at, received_at, executed_at, result_exported_at,
                result_received_at""")
        .param("status", status.wireName())
        .param("reason", reason)
        .param("receivedAt", timestamp(receivedAt))
        .param("executedAt", timestamp(executedAt))
        .param("resultExportedAt", timestamp(resultExportedAt))
        .param("id", id)
        .query((rs, row) -> Stages.of(rs))
        .single();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
