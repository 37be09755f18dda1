package io.airlock.requestside.inbound;

import io.airlock.platform.database.AfterCommit;
import io.airlock.platform.tracing.GapTracing;
import io.airlock.platform.transfer.AppliedBatch;
import io.airlock.platform.transfer.InboundChannel;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.requests.RequestAnswers;
import io.airlock.requestside.requests.RequestStatus;
import io.airlock.requestside.requests.Stages;
import io.airlock.transfer.Channel;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes the response side's answers: a result completes its request and stores its response; a
 * failure fails, expires or cancels it with the reason. The first answer stands, so a repeated or
 * late answer changes nothing; the response side's answer also settles a request that is being
 * cancelled. Bad content is refused and audited, never thrown: throwing would roll back the batch.
 * A request's first answer times its round trip (see {@link RoundTripMeters}).
 */
@Component
class ResultImporter implements InboundChannel {

  private static final Logger log = LoggerFactory.getLogger(ResultImporter.class);
  private static final String ACTOR = "system:importer";
  private static final String ACTION = "result.import";

  /**
   * A request waiting for an answer; {@code answered} if it failed and this answer replaces it;
   * {@code traceparent} the trace its submission began, or null.
   */
  private record Waiting(UUID id, boolean answered, String traceparent) {}

  private final RequestAnswers answers;
  private final AuditLog audit;
  private final RoundTripMeters meters;
  private final GapTracing tracing;

  ResultImporter(
      RequestAnswers answers, AuditLog audit, RoundTripMeters meters, GapTracing tracing) {
    this.tracing = tracing;
    this.answers = answers;
    this.audit = audit;
    this.meters = meters;
  }

  @Override
  public Channel channel() {
    return Channel.RESULTS;
  }

  @Override
  public void apply(TransferRecord record, AppliedBatch batch) {
    Manifest manifest = batch.manifest();
    Optional<Waiting> waiting = waitingRequest(record.id());
    if (waiting.isEmpty()) {
      return;
    }
    Waiting request = waiting.get();
    Instant started = Instant.now();
    if (record instanceof ResultRecord result) {
      if (result.executionMs() < 0) {
        fail(request, "invalid_result_record: execution_ms is negative");
      } else {
        complete(request, result, manifest);
      }
    } else if (record instanceof FailureRecord failure) {
      end(request, failure, manifest);
    }
    // Only what committed: a batch rolled back is imported again, and would say it twice.
    AfterCommit.run(() -> traced(request, record, started));
  }

  /** The answer's span in its request's trace, and the line operators follow it by. */
  private void traced(Waiting request, TransferRecord record, Instant started) {
    Runnable line =
        () -> log.debug("The answer to request {} arrived as {}", request.id(), record.type());
    if (request.traceparent() == null) {
      line.run();
    } else {
      tracing.record("airlock.result.import", request.traceparent(), started, line);
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
    waitingRequest(line.id())
        .ifPresent(request -> fail(request, "invalid_result_record: " + line.reason()));
  }

  /**
   * The request the answer is for, locked, if it is still waiting for one, or failed: a failed
   * request is answered again only when an operator of the response side runs it afresh (that side
   * answers each request once otherwise), and the fresh answer replaces the failure. An answer for
   * an unknown request, or one that completed, expired or was cancelled, is audited as refused.
   */
  private Optional<Waiting> waitingRequest(String recordId) {
    UUID id;
    try {
      id = UUID.fromString(recordId);
    } catch (IllegalArgumentException e) {
      refuse(recordId, "not a request id");
      return Optional.empty();
    }
    Optional<RequestAnswers.Awaited> awaited = answers.awaiting(id);
    if (awaited.isEmpty()) {
      refuse(recordId, "unknown request");
      return Optional.empty();
    }
    RequestStatus current = awaited.get().status();
    if (current != RequestStatus.PENDING
        && current != RequestStatus.EXPORTED
        && current != RequestStatus.CANCELLING
        && current != RequestStatus.FAILED) {
      refuse(recordId, "duplicate: the request is already " + current.wireName());
      return Optional.empty();
    }
    return Optional.of(
        new Waiting(id, current == RequestStatus.FAILED, awaited.get().traceparent()));
  }

  private void complete(Waiting request, ResultRecord result, Manifest manifest) {
    UUID id = request.id();
    Stages stages =
        answers.completed(
            id,
            result.result(),
            result.executionMs(),
            result.cacheHit(),
            result.resultSha256(),
            result.receivedAt(),
            result.executedAt(),
            manifest.createdAt());
    timed(request, RequestStatus.COMPLETED, stages);
    audit.record(ACTOR, ACTION, resource(id), AuditLog.Outcome.SUCCESS, "completed");
  }

  private void end(Waiting request, FailureRecord failure, Manifest manifest) {
    UUID id = request.id();
    String reason =
        failure.detail() == null
            ? failure.reasonCode()
            : failure.reasonCode() + ": " + failure.detail();
    RequestStatus status = RequestStatus.fromWireName(failure.outcome().wireName()).orElseThrow();
    Stages stages = answers.ended(id, status, reason, failure.receivedAt(), manifest.createdAt());
    timed(request, status, stages);
    audit.record(
        ACTOR, ACTION, resource(id), AuditLog.Outcome.SUCCESS, status.wireName() + ": " + reason);
  }

  private void fail(Waiting request, String reason) {
    UUID id = request.id();
    Stages stages = answers.ended(id, RequestStatus.FAILED, reason, null, null);
    timed(request, RequestStatus.FAILED, stages);
    audit.record(ACTOR, ACTION, resource(id), AuditLog.Outcome.FAILURE, "failed: " + reason);
  }

  /** Only a request's first answer: a rerun's answer would time the operator's rerun as well. */
  private void timed(Waiting request, RequestStatus outcome, Stages stages) {
    if (!request.answered()) {
      meters.answered(outcome, stages);
    }
  }

  private void refuse(String recordId, String why) {
    audit.record(ACTOR, ACTION, "request:" + recordId, AuditLog.Outcome.FAILURE, why);
  }

  private static String resource(UUID id) {
    return "request:" + id;
  }
}
