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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    applyAll(List.of(record), batch);
  }

  /**
   * Applies a run of answers with a few statements: their requests locked with one, their responses
   * stored with one, their requests ended with one, their audit rows with one. A request answered
   * twice in the run takes the second answer as it would one by one: after the first.
   */
  @Override
  public void applyAll(List<TransferRecord> records, AppliedBatch batch) {
    Set<String> seen = new HashSet<>();
    int from = 0;
    for (int i = 0; i < records.size(); i++) {
      String request = requestOf(records.get(i).id());
      if (!seen.add(request)) {
        applyDistinct(records.subList(from, i), batch.manifest());
        seen.clear();
        seen.add(request);
        from = i;
      }
    }
    applyDistinct(records.subList(from, records.size()), batch.manifest());
  }

  /** The request a record's id names: one UUID however it is spelt. */
  private static String requestOf(String recordId) {
    try {
      return UUID.fromString(recordId).toString();
    } catch (IllegalArgumentException e) {
      return recordId;
    }
  }

  /** Applies answers to different requests. */
  private void applyDistinct(List<TransferRecord> records, Manifest manifest) {
    Instant started = Instant.now();
    Map<String, UUID> ids = new HashMap<>();
    List<AuditLog.Entry> audits = new ArrayList<>();
    for (TransferRecord record : records) {
      try {
        ids.put(record.id(), UUID.fromString(record.id()));
      } catch (IllegalArgumentException e) {
        // Refused below, in its turn.
      }
    }
    Map<UUID, RequestAnswers.Awaited> awaited = answers.awaitingAll(ids.values());
    List<Waiting> waiting = new ArrayList<>();
    List<RequestAnswers.Answer> answering = new ArrayList<>();
    Map<UUID, TransferRecord> answeredBy = new HashMap<>();
    for (TransferRecord record : records) {
      UUID id = ids.get(record.id());
      if (id == null) {
        audits.add(refusal(record.id(), "not a request id"));
        continue;
      }
      // The results channel carries results and failures only.
      if (!(record instanceof ResultRecord || record instanceof FailureRecord)) {
        continue;
      }
      Optional<Waiting> request = waiting(id, awaited.get(id), audits);
      if (request.isEmpty()) {
        continue;
      }
      RequestAnswers.Answer answer = answer(record, id, manifest);
      waiting.add(request.get());
      answering.add(answer);
      answeredBy.put(id, record);
      audits.add(audit(answer, record));
    }
    Map<UUID, Stages> stages = answering.isEmpty() ? Map.of() : answers.answerAll(answering);
    for (int i = 0; i < waiting.size(); i++) {
      timed(waiting.get(i), answering.get(i).status(), stages.get(waiting.get(i).id()));
    }
    if (!audits.isEmpty()) {
      audit.recordAll(audits);
    }
    // Only what committed: a batch rolled back is imported again, and would say it twice.
    AfterCommit.run(
        () -> waiting.forEach(request -> traced(request, answeredBy.get(request.id()), started)));
  }

  /** The answer a record gives its request: a result, a failure, or a refused result. */
  private static RequestAnswers.Answer answer(TransferRecord record, UUID id, Manifest manifest) {
    if (record instanceof ResultRecord result) {
      if (result.executionMs() < 0) {
        return RequestAnswers.Answer.ended(
            id,
            RequestStatus.FAILED,
            "invalid_result_record: execution_ms is negative",
            null,
            null);
      }
      return RequestAnswers.Answer.result(
          id,
          result.result(),
          result.executionMs(),
          result.cacheHit(),
          result.resultSha256(),
          result.receivedAt(),
          result.executedAt(),
          manifest.createdAt());
    }
    FailureRecord failure = (FailureRecord) record;
    String reason =
        failure.detail() == null
            ? failure.reasonCode()
            : failure.reasonCode() + ": " + failure.detail();
    RequestStatus status = RequestStatus.fromWireName(failure.outcome().wireName()).orElseThrow();
    return RequestAnswers.Answer.ended(
        id, status, reason, failure.receivedAt(), manifest.createdAt());
  }

  /** What the audit says of an answer applied. */
  private AuditLog.Entry audit(RequestAnswers.Answer answer, TransferRecord record) {
    String resource = resource(answer.id());
    if (answer.status() == RequestStatus.COMPLETED) {
      return audit.entry(ACTOR, ACTION, resource, AuditLog.Outcome.SUCCESS, "completed");
    }
    if (record instanceof ResultRecord) {
      return audit.entry(
          ACTOR, ACTION, resource, AuditLog.Outcome.FAILURE, "failed: " + answer.reason());
    }
    return audit.entry(
        ACTOR,
        ACTION,
        resource,
        AuditLog.Outcome.SUCCESS,
        answer.status().wireName() + ": " + answer.reason());
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
    if (line.id() == null) {
      audit.record(
          ACTOR, ACTION, null, AuditLog.Outcome.FAILURE, "unreadable record: " + line.reason());
      return;
    }
    UUID id;
    try {
      id = UUID.fromString(line.id());
    } catch (IllegalArgumentException e) {
      audit.recordAll(List.of(refusal(line.id(), "not a request id")));
      return;
    }
    List<AuditLog.Entry> audits = new ArrayList<>();
    Optional<Waiting> request = waiting(id, answers.awaiting(id).orElse(null), audits);
    if (request.isPresent()) {
      String reason = "invalid_result_record: " + line.reason();
      Stages stages =
          answers.answer(RequestAnswers.Answer.ended(id, RequestStatus.FAILED, reason, null, null));
      timed(request.get(), RequestStatus.FAILED, stages);
      audits.add(
          audit.entry(ACTOR, ACTION, resource(id), AuditLog.Outcome.FAILURE, "failed: " + reason));
    }
    audit.recordAll(audits);
  }

  /**
   * The request the answer is for, if it is still waiting for one, or failed: a failed request is
   * answered again only when an operator of the response side runs it afresh (that side answers
   * each request once otherwise), and the fresh answer replaces the failure. An answer for an
   * unknown request, or one that completed, expired or was cancelled, is audited as refused.
   */
  private Optional<Waiting> waiting(
      UUID id, RequestAnswers.Awaited awaited, List<AuditLog.Entry> audits) {
    // Audited under the request's id however the record spelt it.
    if (awaited == null) {
      audits.add(refusal(id.toString(), "unknown request"));
      return Optional.empty();
    }
    RequestStatus current = awaited.status();
    if (current != RequestStatus.PENDING
        && current != RequestStatus.EXPORTED
        && current != RequestStatus.CANCELLING
        && current != RequestStatus.FAILED) {
      audits.add(refusal(id.toString(), "duplicate: the request is already " + current.wireName()));
      return Optional.empty();
    }
    return Optional.of(new Waiting(id, current == RequestStatus.FAILED, awaited.traceparent()));
  }

  /** Only a request's first answer: a rerun's answer would time the operator's rerun as well. */
  private void timed(Waiting request, RequestStatus outcome, Stages stages) {
    if (!request.answered()) {
      meters.answered(outcome, stages);
    }
  }

  private AuditLog.Entry refusal(String recordId, String why) {
    return audit.entry(ACTOR, ACTION, "request:" + recordId, AuditLog.Outcome.FAILURE, why);
  }

  private static String resource(UUID id) {
    return "request:" + id;
  }
}
