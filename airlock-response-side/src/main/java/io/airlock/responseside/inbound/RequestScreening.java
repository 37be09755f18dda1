package io.airlock.responseside.inbound;

import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.signals.SignalledCache;
import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.IndexAllowList;
import io.airlock.responseside.directory.ProfileType;
import io.airlock.responseside.directory.User;
import io.airlock.transfer.query.QueryCheck;
import io.airlock.transfer.query.QueryRules;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-validates an imported request against this side's directory (DESIGN §3): the response side
 * trusts nothing the request side checked. The checks run in a fixed order (timestamps, user,
 * index, query, result size, deadline), so the same request always gets the same answer.
 *
 * <p>Users are read afresh for every run of requests. Profile types and the index allow-list, which
 * change rarely, are cached in process and emptied on every instance by the {@value #CHANNEL}
 * signal (a trigger's {@code NOTIFY} when one changes): a change takes effect at import within the
 * signal's delivery, at most {@link DatabaseSignals#STALE_AFTER}.
 */
@Component
class RequestScreening {

  /** The channel the triggers on profile types and settings notify. */
  static final String CHANNEL = "airlock_screening";

  private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

  private final Directory directory;
  private final IndexAllowList allowList;
  private final QueryRules rules;
  private final JsonMapper json;
  private final SignalledCache<String, ProfileType> cachedProfileTypes;
  // Under one key: the list, or empty when there is none.
  private final SignalledCache<Boolean, Optional<Set<String>>> cachedAllowList;

  RequestScreening(
      Directory directory,
      IndexAllowList allowList,
      QueryRules rules,
      JsonMapper json,
      DatabaseSignals signals) {
    this.directory = directory;
    this.json = json;
    this.allowList = allowList;
    this.rules = rules;
    this.cachedProfileTypes = new SignalledCache<>(signals, CHANNEL, TIME_TO_LIVE, 10_000);
    this.cachedAllowList = new SignalledCache<>(signals, CHANNEL, TIME_TO_LIVE, 1);
  }

  /**
   * What screening reads from the directory, each read once: for the requests of one run, which
   * mostly share a few users. Users are read in the run's transaction; profile types and the
   * allow-list come from the caches above.
   */
  final class Lookups {
    private final Map<UUID, Optional<User>> users = new HashMap<>();
    private final Map<String, Optional<ProfileType>> profileTypes = new HashMap<>();
    private Optional<Set<String>> allowedIndices;

    private Optional<User> user(UUID id) {
      return users.computeIfAbsent(id, directory::user);
    }

    private Optional<ProfileType> profileType(String name) {
      return profileTypes.computeIfAbsent(
          name, n -> cachedProfileTypes.get(n, directory::profileType));
    }

    private boolean allows(String index) {
      if (allowedIndices == null) {
        allowedIndices =
            cachedAllowList.get(true, any -> Optional.of(allowList.indices())).orElseThrow();
      }
      return IndexAllowList.allows(allowedIndices, index);
    }
  }

  Lookups lookups() {
    return new Lookups();
  }

  /**
   * What the request's query makes of it, which depends on nothing but the query: so it is checked
   * ahead of the import's transaction ({@link io.airlock.platform.transfer.RecordApplier#prepare}),
   * and {@link #screen} takes its place in the order of the checks.
   */
  sealed interface CheckedQuery {

    /** The query breaks a rule. */
    record Refused(Screening.Refused refusal) implements CheckedQuery {}

    /** The query passed, in the forms it is stored and cached by. */
    record Ready(String paramsJson, String cacheKey, int effectiveSize) implements CheckedQuery {}
  }

  /** Checks the request's query against the query rules (DESIGN §4); no database is read. */
  CheckedQuery checkQuery(RequestRecord request) {
    QueryCheck check =
        rules.check(request.index(), request.queryType().wireName(), request.queryParams());
    if (check instanceof QueryCheck.Invalid invalid) {
      return refusedQuery(invalid.field() + " " + invalid.reason());
    }
    QueryCheck.Valid valid = (QueryCheck.Valid) check;
    String paramsJson = json.writeValueAsString(valid.params());
    // JSON text holds U+0000 only escaped; without the escape there is none to look for.
    Optional<String> nul =
        paramsJson.contains("\\u0000") ? nulCharacter(valid.params()) : Optional.empty();
    if (nul.isPresent()) {
      return refusedQuery(nul.get() + " must not contain the NUL character");
    }
    Optional<String> cacheKey = cacheKey(valid);
    if (cacheKey.isEmpty()) {
      return refusedQuery("query_params holds a number beyond the range of a double");
    }
    return new CheckedQuery.Ready(paramsJson, cacheKey.get(), valid.effectiveSize());
  }

  private static CheckedQuery refusedQuery(String detail) {
    return new CheckedQuery.Refused(
        Screening.Refused.failed(QueryCheck.Invalid.REASON_CODE, detail));
  }

  /**
   * Screens the request, its query checked already by {@link #checkQuery}; the directory is read
   * through {@code lookups}.
   */
  Screening screen(RequestRecord request, CheckedQuery query, Instant receivedAt, Lookups lookups) {
    if (!WireText.storable(request.submittedAt()) || !WireText.storable(request.deadline())) {
      return Screening.Refused.failed(
          "invalid_record", "submitted_at and deadline must be within the years 1 to 9999");
    }
    // A high-side-only account never reaches the request side: a request in its name is forged.
    Optional<User> found =
        WireText.uuid(request.userId()).flatMap(lookups::user).filter(u -> !u.highSideOnly());
    if (found.isEmpty()) {
      return Screening.Refused.failed("user_unknown", "user_id: no such user");
    }
    User user = found.get();
    if (!user.active()) {
      return Screening.Refused.failed("user_inactive", "user_id: the account is deactivated");
    }
    ProfileType profile = lookups.profileType(user.profileType()).orElseThrow();
    if (!lookups.allows(request.index())) {
      return Screening.Refused.failed(
          "index_not_allowed", "index: '" + request.index() + "' is not in the allow-list");
    }
    if (!profile.allowedIndices().contains(request.index())) {
      return Screening.Refused.failed(
          "index_not_allowed",
          "index: '" + request.index() + "' is not allowed for profile type " + profile.name());
    }
    if (query instanceof CheckedQuery.Refused refused) {
      return refused.refusal();
    }
    CheckedQuery.Ready valid = (CheckedQuery.Ready) query;
    if (valid.effectiveSize() > profile.maxResultSize()) {
      return Screening.Refused.failed(
          "size_not_allowed",
          "query_params.size asks for "
              + valid.effectiveSize()
              + " hits; profile type "
              + profile.name()
              + " allows at most "
              + profile.maxResultSize());
    }
    if (!request.deadline().isAfter(receivedAt)) {
      return new Screening.Refused(
          FailureRecord.Outcome.EXPIRED,
          "deadline_passed",
          "deadline: " + request.deadline() + " had passed when the request was received");
    }
    int priority = Math.max(0, Math.min(request.priority(), profile.maxPriority()));
    return new Screening.Accepted(user.id(), priority, valid.paramsJson(), valid.cacheKey());
  }

  // RFC 8785 writes decimals as doubles: one beyond their range (1e400) has no canonical form.
  // Thrown here it would roll back the batch on every retry, so it is an answer instead.
  private static Optional<String> cacheKey(QueryCheck.Valid valid) {
    try {
      return Optional.of(valid.cacheKey());
    } catch (IllegalArgumentException | JacksonException e) {
      return Optional.empty();
    }
  }

  // PostgreSQL's jsonb cannot hold U+0000, which the query rules allow. Iterative, like their
  // own walk; the params already passed its depth and size bounds.
  private static Optional<String> nulCharacter(JsonNode params) {
    Deque<Map.Entry<String, JsonNode>> steps = new ArrayDeque<>();
    steps.add(Map.entry("query_params", params));
    while (!steps.isEmpty()) {
      Map.Entry<String, JsonNode> step = steps.poll();
      JsonNode node = step.getValue();
      if (node.isString() && node.stringValue().indexOf('\u0000') >= 0) {
        return Optional.of(step.getKey());
      }
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (member.getKey().indexOf('\u0000') >= 0) {
          return Optional.of(step.getKey());
        }
        steps.add(Map.entry(step.getKey() + "." + member.getKey(), member.getValue()));
      }
      int i = 0;
      for (JsonNode element : node.values()) {
        if (node.isArray()) {
          steps.add(Map.entry(step.getKey() + "[" + i++ + "]", element));
        }
      }
    }
    return Optional.empty();
  }
}
