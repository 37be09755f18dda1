package io.airlock.requestside.inbound;

import io.airlock.platform.transfer.AppliedBatch;
import io.airlock.platform.transfer.InboundChannel;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.transfer.Channel;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes the response side's answers: a result completes its request and stores its response; a
 * failure fails, expires or cancels it with the reason. The first answer stands, so a repeated or
 * late answer changes nothing; the response side's answer also settles a request that is being
 * cancelled. Bad content is refused and audited, never thrown: throwing would roll back the batch.
 */
@Component
class ResultImporter implements InboundChannel {

  private static final String ACTOR = "system:importer";
  private static final String ACTION = "result.import";

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final JsonMapper json;

  ResultImporter(JdbcClient jdbc, AuditLog audit, JsonMapper json) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.json = json;
  }

  @Override
  public Channel channel() {
    return Channel.RESULTS;
  }

  @Override
  public void apply(TransferRecord record, AppliedBatch batch) {
    Manifest manifest = batch.manifest();
    Optional<UUID> waiting = waitingRequest(record.id());
    if (waiting.isEmpty()) {
      return;
    }
    UUID id = waiting.get();
    if (record instanceof ResultRecord result) {
      if (result.executionMs() < 0) {
        fail(id, "invalid_result_record: execution_ms is negative");
        return;
      }
      complete(id, result, manifest);
    } else if (record instanceof FailureRecord failure) {
      end(id, failure, manifest);
    }
  }

  /** An unreadable answer still answers its request: the request fails with the reason. */
  @Override
  public void refused(RecordLine.Invalid line, AppliedBatch batch) {
    Manifest manifest = batch.manifest();
    if (line.id() == null) {
      audit.record(
          ACTOR, ACTION, null, AuditLog.Outcome.FAILURE, "unreadable record: " + line.reason());
      return;
    }
    waitingRequest(line.id()).ifPresent(id -> fail(id, "invalid_result_record: " + line.reason()));
  }

  /**
   * The request the answer is for, locked, if it is still waiting for one; an answer for an unknown
   * or already answered request is audited as refused.
   */
  private Optional<UUID> waitingRequest(String recordId) {
    UUID id;
    try {
      id = UUID.fromString(recordId);
    } catch (IllegalArgumentException e) {
      refuse(recordId, "not a request id");
      return Optional.empty();
    }
    Optional<String> status =
        jdbc.sql("select status from requests where id = :id for update")
            .param("id", id)
            .query(String.class)
            .optional();
    if (status.isEmpty()) {
      refuse(recordId, "unknown request");
      return Optional.empty();
    }
    String current = status.get();
    if (!current.equals("pending")
        && !current.equals("exported")
        && !current.equals("cancelling")) {
      refuse(recordId, "duplicate: the request is already " + current);
      return Optional.empty();
    }
    return Optional.of(id);
  }

  private void complete(UUID id, ResultRecord result, Manifest manifest) {
    jdbc.sql(
            """
            insert into responses (request_id, result, execution_ms, cache_hit, result_sha256)
            values (:id, cast(:result as jsonb), :executionMs, :cacheHit, :sha256)""")
        .param("id", id)
        .param("result", json.writeValueAsString(result.result()))
        .param("executionMs", result.executionMs())
        .param("cacheHit", result.cacheHit())
        .param("sha256", result.resultSha256())
        .update();
    settle(id, "completed", null, result.receivedAt(), result.executedAt(), manifest);
    audit.record(ACTOR, ACTION, resource(id), AuditLog.Outcome.SUCCESS, "completed");
  }

  private void end(UUID id, FailureRecord failure, Manifest manifest) {
    String reason =
        failure.detail() == null
            ? failure.reasonCode()
            : failure.reasonCode() + ": " + failure.detail();
    String status = failure.outcome().wireName();
    settle(id, status, reason, failure.receivedAt(), null, manifest);
    audit.record(ACTOR, ACTION, resource(id), AuditLog.Outcome.SUCCESS, status + ": " + reason);
  }

  private void fail(UUID id, String reason) {
    settle(id, "failed", reason, null, null, null);
    audit.record(ACTOR, ACTION, resource(id), AuditLog.Outcome.FAILURE, "failed: " + reason);
  }

  /**
   * Ends the request. Received and executed are the response side's clock, as is the batch's
   * creation (when the answer was exported); result received is this side's.
   */
  private void settle(
      UUID id,
      String status,
      String reason,
      Instant receivedAt,
      Instant executedAt,
      Manifest manifest) {
    jdbc.sql(
            """
            update requests set status = :status, status_reason = :reason,
                received_at = coalesce(cast(:receivedAt as timestamptz), received_at),
                executed_at = coalesce(cast(:executedAt as timestamptz), executed_at),
                result_exported_at = cast(:resultExportedAt as timestamptz), result_received_at = now()
            where id = :id""")
        .param("status", status)
        .param("reason", reason)
        .param("receivedAt", timestamp(receivedAt))
        .param("executedAt", timestamp(executedAt))
        .param("resultExportedAt", timestamp(manifest == null ? null : manifest.createdAt()))
        .param("id", id)
        .update();
  }

  private void refuse(String recordId, String why) {
    audit.record(ACTOR, ACTION, "request:" + recordId, AuditLog.Outcome.FAILURE, why);
  }

  private static String resource(UUID id) {
    return "request:" + id;
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
