package io.airlock.responseside.inbound;

import io.airlock.responseside.cache.ResultBody;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.execution.ExecutionMetrics;
import io.airlock.responseside.execution.ResultLimits;
import io.airlock.responseside.inbound.InboundAudit.Subject;
import io.airlock.responseside.inbound.RequestScreening.CheckedQuery;
import io.airlock.responseside.inbound.RequestTombstones.Tombstone;
import io.airlock.responseside.queue.IncomingRequests;
import io.airlock.responseside.results.QueryResults;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.RequestRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Takes in a request: once per request id, re-validated, then queued, or answered at once: with the
 * reason it was refused, or with the fresh cached result of the same query (no worker needs to run
 * it). A tombstone left by an earlier cancel of its owner cancels it on arrival.
 */
@Component
class RequestImport {

  private final IncomingRequests requests;
  private final RequestTombstones tombstones;
  private final RequestScreening screening;
  private final QueryResults results;
  private final ResultCache cache;
  private final ResultLimits limits;
  private final InboundAudit audit;
  private final ArrivalTraces traces;
  private final MeterRegistry registry;

  RequestImport(
      IncomingRequests requests,
      RequestTombstones tombstones,
      RequestScreening screening,
      QueryResults results,
      ResultCache cache,
      ResultLimits limits,
      InboundAudit audit,
      ArrivalTraces traces,
      MeterRegistry registry) {
    this.registry = registry;
    this.requests = requests;
    this.tombstones = tombstones;
    this.screening = screening;
    this.results = results;
    this.cache = cache;
    this.limits = limits;
    this.audit = audit;
    this.traces = traces;
  }

  void apply(RequestRecord request, Arrival arrival) {
    applyAll(List.of(request), checkQueries(List.of(request)), arrival);
  }

  /**
   * The queries of the requests checked, which needs no database: done ahead of the batch's
   * transaction ({@link io.airlock.platform.transfer.RecordApplier#prepare}), for {@link
   * #applyAll}. Keyed by the records themselves (by identity: equal records are checked alike).
   */
  Map<RequestRecord, CheckedQuery> checkQueries(List<RequestRecord> requests) {
    Map<RequestRecord, CheckedQuery> checked = new IdentityHashMap<>(requests.size() * 2);
    for (RequestRecord request : requests) {
      checked.put(request, screening.checkQuery(request));
    }
    return checked;
  }

  /**
   * Takes in a run of requests, in their order, with a few statements however long it is: which ids
   * are known, the tombstones, the cached results, the new rows and the audit entries each go to
   * the database at once, and the directory is read once per user. (Only the answers of requests
   * ended at once, refused or answered from the cache, are written one by one: few in a run.)
   */
  void applyAll(
      List<RequestRecord> run, Map<RequestRecord, CheckedQuery> queries, Arrival arrival) {
    long started = System.nanoTime();
    // Checked before anything is written; the inbox is imported by one instance at a time, so no
    // other import stores the same ids in between.
    List<UUID> ids =
        run.stream().map(r -> WireText.uuid(r.id())).flatMap(Optional::stream).toList();
    Set<UUID> known = requests.existing(ids);
    Set<UUID> seen = new HashSet<>(known);
    Map<UUID, Tombstone> tombstoned =
        tombstones.takeAll(ids.stream().filter(id -> !known.contains(id)).toList());
    RequestScreening.Lookups lookups = screening.lookups();
    InboundAudit.Entries entries = audit.entries();
    List<IncomingRequests.Row> rows = new ArrayList<>();
    List<Ended> ended = new ArrayList<>();
    List<Queued> queued = new ArrayList<>();
    ArrivalTraces.Run arrivals = traces.run();
    for (RequestRecord request : run) {
      Subject subject =
          new Subject(request.userId(), request.id(), request.id(), request.traceId());
      Optional<UUID> id = WireText.uuid(request.id());
      if (id.isEmpty()) {
        // Nothing to answer: the request side names every request by a UUID.
        entries.refused(
            arrival, subject, "request.refused", "invalid_record", "id: must be a UUID");
        arrivals.arrived("(not a UUID)", request.traceparent(), "failed (invalid_record)");
        continue;
      }
      if (!seen.add(id.get())) {
        entries.ignored(
            arrival, subject, "request.duplicate", "duplicate", "the request was received before");
        arrivals.arrived(request.id(), request.traceparent(), "ignored (duplicate)");
        continue;
      }
      Screening screened =
          screening.screen(request, queries.get(request), arrival.receivedAt(), lookups);
      Optional<Tombstone> tombstone = Optional.ofNullable(tombstoned.get(id.get()));
      if (screened instanceof Screening.Refused refused) {
        Ended end =
            new Ended(id.get(), request, refused.outcome(), refused.code(), refused.detail());
        rows.add(end.row(arrival, null));
        ended.add(end);
        entries.refused(arrival, subject, "request.refused", refused.code(), refused.detail());
        arrivals.arrived(
            request.id(),
            request.traceparent(),
            refused.outcome().wireName() + " (" + refused.code() + ")");
        continue;
      }
      Screening.Accepted accepted = (Screening.Accepted) screened;
      if (tombstone.isPresent()) {
        Subject cancel =
            new Subject(
                tombstone.get().userId().toString(),
                tombstone.get().cancelId().toString(),
                request.id(),
                request.traceId());
        if (tombstone.get().userId().equals(accepted.userId())) {
          Ended end =
              new Ended(
                  id.get(),
                  request,
                  FailureRecord.Outcome.CANCELLED,
                  "cancelled",
                  "cancelled by its user before it arrived");
          rows.add(end.row(arrival, accepted));
          ended.add(end);
          entries.applied(arrival, cancel, "cancel.applied");
          entries.applied(arrival, subject, "request.cancelled");
          arrivals.arrived(request.id(), request.traceparent(), "cancelled");
          continue;
        }
        entries.refused(
            arrival,
            cancel,
            "cancel.refused",
            "not_owner",
            "user_id: the request belongs to another user");
      }
      queued.add(new Queued(id.get(), request, accepted));
      entries.applied(arrival, subject, "request.accepted");
    }
    Map<String, ResultCache.Hit> hits =
        cache.lookupAll(
            queued.stream().map(q -> q.accepted().cacheKey()).filter(Objects::nonNull).toList());
    List<Answered> answered = new ArrayList<>();
    for (Queued request : queued) {
      ResultCache.Hit hit = hits.get(request.accepted().cacheKey());
      boolean answerable =
          hit != null
              && limits.answerable(
                  request.id(),
                  WireText.storable(request.request().traceId()),
                  arrival.receivedAt(),
                  hit.body());
      rows.add(
          row(
              request.id(),
              request.request(),
              arrival,
              request.accepted(),
              answerable ? "completed" : "queued",
              null,
              null));
      if (answerable) {
        answered.add(new Answered(request, hit));
      }
      arrivals.arrived(
          request.request().id(),
          request.request().traceparent(),
          answerable ? "completed from the cache" : "queued");
    }
    requests.insertAll(rows);
    for (Answered answer : answered) {
      ResultBody body = answer.hit().body();
      results.completed(
          answer.request().id(),
          WireText.storable(answer.request().request().traceId()),
          body.json(),
          body.sha256(),
          body.bytes(),
          0,
          true,
          arrival.receivedAt(),
          answer.hit().foundAt());
    }
    if (!answered.isEmpty()) {
      ExecutionMetrics.answeredOnArrival(registry, answered.size(), System.nanoTime() - started);
    }
    for (Ended end : ended) {
      results.ended(
          end.id(),
          WireText.storable(end.request().traceId()),
          end.outcome(),
          end.code(),
          WireText.storable(end.detail()),
          arrival.receivedAt());
    }
    entries.write();
    arrivals.recordOnCommit();
  }

  /** A request accepted: queued, unless the cache answers it at once. */
  private record Queued(UUID id, RequestRecord request, Screening.Accepted accepted) {}

  /** A request answered at once from the cache. */
  private record Answered(Queued request, ResultCache.Hit hit) {}

  /** A request stored as ended and answered at once. */
  private record Ended(
      UUID id, RequestRecord request, FailureRecord.Outcome outcome, String code, String detail) {

    IncomingRequests.Row row(Arrival arrival, Screening.Accepted accepted) {
      return RequestImport.row(
          id, request, arrival, accepted, outcome.wireName(), code, WireText.storable(detail));
    }
  }

  /** Answers a request whose record could not be read, if it is not known already. */
  void refuseUnreadable(UUID id, String reason, Arrival arrival) {
    String detail = WireText.storable("record: " + reason);
    Subject subject = new Subject(null, id.toString(), id.toString(), null);
    boolean inserted =
        requests.insert(
            new IncomingRequests.Row(
                id,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                "failed",
                "invalid_record",
                detail,
                null,
                null,
                arrival.receivedAt(),
                arrival.inboundBatchId()));
    if (inserted) {
      results.ended(
          id, null, FailureRecord.Outcome.FAILED, "invalid_record", detail, arrival.receivedAt());
      audit.refused(arrival, subject, "request.refused", "invalid_record", detail);
    } else {
      audit.ignored(arrival, subject, "request.duplicate", "invalid_record", detail);
    }
    ArrivalTraces.Run arrivals = traces.run();
    arrivals.arrived(
        id.toString(), null, inserted ? "failed (invalid_record)" : "ignored (duplicate)");
    arrivals.recordOnCommit();
  }

  private static IncomingRequests.Row row(
      UUID id,
      RequestRecord request,
      Arrival arrival,
      Screening.Accepted accepted,
      String status,
      String reasonCode,
      String reasonDetail) {
    return new IncomingRequests.Row(
        id,
        WireText.storable(request.traceId()),
        // Checked already: a record holds only a well-formed one (RequestRecord.TRACEPARENT).
        request.traceparent(),
        WireText.uuid(request.userId()).orElse(null),
        WireText.storable(request.index()),
        request.queryType().wireName(),
        accepted == null ? null : accepted.paramsJson(),
        request.priority(),
        accepted == null ? 0 : accepted.priority(),
        accepted == null ? null : accepted.cacheKey(),
        status,
        reasonCode,
        reasonDetail,
        WireText.storable(request.submittedAt()) ? request.submittedAt() : null,
        WireText.storable(request.deadline()) ? request.deadline() : null,
        arrival.receivedAt(),
        arrival.inboundBatchId());
  }
}
