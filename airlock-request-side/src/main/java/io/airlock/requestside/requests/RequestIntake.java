package io.airlock.requestside.requests;

import io.airlock.platform.tracing.GapTracing;
import io.airlock.platform.web.InvalidField;
import io.airlock.platform.web.RequestId;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.maintenance.Maintenance;
import io.airlock.requestside.maintenance.MaintenanceUnderway;
import io.airlock.requestside.ratelimit.QuotaDecision;
import io.airlock.requestside.ratelimit.QuotaExceeded;
import io.airlock.requestside.users.Caller;
import io.airlock.transfer.query.CanonicalJson;
import io.airlock.transfer.query.QueryCheck;
import io.airlock.transfer.query.QueryRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Takes a user's request in: checks it against the query rules (400 naming the field) and the
 * user's profile type (422 naming the field); then takes it from the user's quotas (429) and stores
 * it pending, audited, in one transaction shared with concurrent submissions (see {@link
 * Submissions}). A submission with an idempotency key that an earlier one of the last 24 hours had
 * gets that one's answer instead, and nothing is checked, taken or stored again. (When two
 * instances receive the same key at the same moment, the one that loses the race answers with the
 * other's request; its take is undone with its transaction, unless the counts are in Redis.)
 * Nothing is taken in during maintenance (503): every way in (the API, the console, the
 * Elasticsearch API, an admin's retry) comes through here.
 */
@Service
class RequestIntake {

  private final QueryRules rules;
  private final Submissions submissions;
  private final IdempotencyKeys keys;
  private final AuditLog audit;
  private final ProfileTypes profileTypes;
  private final RequestsProperties properties;
  private final SubmissionMeters meters;
  private final GapTracing tracing;
  private final Maintenance maintenance;
  private final Clock clock;

  RequestIntake(
      QueryRules rules,
      Submissions submissions,
      IdempotencyKeys keys,
      AuditLog audit,
      ProfileTypes profileTypes,
      RequestsProperties properties,
      SubmissionMeters meters,
      GapTracing tracing,
      Maintenance maintenance,
      Clock clock) {
    this.tracing = tracing;
    this.maintenance = maintenance;
    this.rules = rules;
    this.submissions = submissions;
    this.keys = keys;
    this.audit = audit;
    this.profileTypes = profileTypes;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /** The shortest time a request may be given to be answered in. */
  static final Duration SHORTEST_LIFETIME = Duration.ofMinutes(1);

  /**
   * A stored request, and where the user's quotas stand after it; or, {@code replayed}, the request
   * an earlier call with the same idempotency key stored (nothing taken from the quotas).
   */
  record Submitted(UUID id, QuotaDecision quota, boolean replayed) {}

  /**
   * Checks and stores a request. Only a request that passed every check counts against the user's
   * quotas.
   *
   * @throws QuotaExceeded when the user's quota refuses it
   * @throws MaintenanceUnderway while maintenance is on
   */
  Submitted submit(
      Caller caller,
      String index,
      String queryType,
      JsonNode params,
      int priority,
      Optional<IdempotencyKey> idempotencyKey) {
    return submit(caller, index, queryType, params, priority, idempotencyKey, null);
  }

  /**
   * As {@link #submit(Caller, String, String, JsonNode, int, Optional)}, for a request that needs
   * its answer for only {@code keepAlive} (an async search's {@code keep_alive}): its deadline is
   * that far off, from a minute up to the default deadline; null: the default deadline.
   */
  Submitted submit(
      Caller caller,
      String index,
      String queryType,
      JsonNode params,
      int priority,
      Optional<IdempotencyKey> idempotencyKey,
      Duration keepAlive) {
    // From the in-process cache: no database round trip.
    maintenance.ensureOpen();
    Duration lifetime = lifetime(keepAlive);
    if (idempotencyKey.isEmpty()) {
      return store(caller, index, queryType, params, priority, null, lifetime);
    }
    IdempotencyKey key = idempotencyKey.get();
    try (IdempotencyKeys.Hold held =
        keys.hold(caller.id(), key.value()).orElseThrow(IdempotencyKeyInUse::new)) {
      Optional<Submitted> earlier = earlier(caller, key);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      try {
        return store(caller, index, queryType, params, priority, key, lifetime);
      } catch (DuplicateKeyException e) {
        // Another instance stored the key meanwhile, in the transaction of its request.
        return earlier(caller, key).orElseThrow(IdempotencyKeyInUse::new);
      }
    }
  }

  /** The answer of an earlier call with the key; refused if that call had another body. */
  private Optional<Submitted> earlier(Caller caller, IdempotencyKey key) {
    return keys.find(caller.id(), key.value(), clock.instant())
        .map(
            stored -> {
              if (!stored.fingerprint().equals(key.fingerprint())) {
                throw new IdempotencyKeyReused();
              }
              audit.record(
                  caller.username(),
                  "request.submit",
                  "request:" + stored.requestId(),
                  AuditLog.Outcome.SUCCESS,
                  "replayed for its Idempotency-Key");
              return new Submitted(stored.requestId(), null, true);
            });
  }

  /**
   * Checks a request as {@link #submit} does, with the same rules and the caller's profile type,
   * without storing or counting anything: for validation as the user types.
   *
   * @throws InvalidField or {@link RequestRefused} naming the field (a JSON path) that is wrong
   */
  QueryCheck.Valid check(
      Caller caller, String index, String queryType, JsonNode params, int priority) {
    QueryCheck check = rules.check(index, queryType, params);
    if (check instanceof QueryCheck.Invalid invalid) {
      throw new InvalidField(invalid.field(), invalid.reason());
    }
    QueryCheck.Valid valid = (QueryCheck.Valid) check;
    ProfileType profile =
        profileTypes
            .ofUser(caller.id())
            .orElseThrow(() -> new ProfileTypeMissing(caller.username()));
    if (!profile.allowedIndices().contains(valid.index())) {
      throw new RequestRefused(
          "index", "is not among the indices your profile type (" + profile.name() + ") allows");
    }
    if (priority < 0 || priority > profile.maxPriority()) {
      throw new RequestRefused(
          "priority", "must be from 0 to " + profile.maxPriority() + " for your profile type");
    }
    if (valid.effectiveSize() > profile.maxResultSize()) {
      throw new RequestRefused(
          "query_params.size",
          "must be at most "
              + profile.maxResultSize()
              + " for your profile type"
              + (params.has("size") ? "" : " (a search without size asks for 10)"));
    }
    return valid;
  }

  private Duration lifetime(Duration keepAlive) {
    Duration longest = properties.defaultDeadline();
    if (keepAlive == null || keepAlive.compareTo(longest) > 0) {
      return longest;
    }
    return keepAlive.compareTo(SHORTEST_LIFETIME) < 0 ? SHORTEST_LIFETIME : keepAlive;
  }

  private Submitted store(
      Caller caller,
      String index,
      String queryType,
      JsonNode params,
      int priority,
      IdempotencyKey key,
      Duration lifetime) {
    QueryCheck.Valid valid;
    try {
      valid = check(caller, index, queryType, params, priority);
    } catch (InvalidField | RequestRefused invalid) {
      meters.invalid();
      throw invalid;
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    QuotaDecision quota =
        submissions.store(
            new Submissions.Submission(
                new Requests.NewRequest(
                    id,
                    caller.id(),
                    valid.index(),
                    valid.queryType().wireName(),
                    CanonicalJson.of(valid.params()),
                    priority,
                    now,
                    now.plus(lifetime),
                    RequestId.current().orElse(id.toString()),
                    tracing.currentTraceparent()),
                audit.entry(
                    caller.username(),
                    "request.submit",
                    "request:" + id,
                    AuditLog.Outcome.SUCCESS,
                    null),
                key == null
                    ? null
                    : new IdempotencyKeys.Stored(
                        caller.id(), key.value(), key.fingerprint(), id, now)));
    if (quota instanceof QuotaDecision.Refused refused) {
      meters.refusedByQuota();
      QuotaExceeded exceeded = new QuotaExceeded(refused, clock);
      audit.record(
          caller.username(),
          "request.submit",
          null,
          AuditLog.Outcome.FAILURE,
          "quota: " + exceeded.getBody().getDetail());
      throw exceeded;
    }
    meters.accepted();
    return new Submitted(id, quota, false);
  }
}
