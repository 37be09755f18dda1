package io.airlock.responseside.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.ProfileType;
import io.airlock.responseside.directory.User;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.queue.IncomingRequests;
import io.airlock.responseside.queue.QueueListing;
import io.airlock.responseside.results.QueryResults;
import io.airlock.responseside.results.ResultListing;
import io.airlock.transfer.records.FailureRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incoming requests as operators see and handle them: listed with their users, one with its
 * answer, and the operator's actions on a queued one (cancel it, which answers {@code cancelled}
 * across the gap; set its priority within its user's profile), each in the system log with who did
 * it. For {@code /admin/requests} and the console alike.
 */
@Service
public class OperatorRequests {

  /** A request with its user's name. */
  public record Row(QueueListing.Listed request, String username) {}

  /**
   * One request with everything an operator looks at.
   *
   * @param answer its result or failure, once it has one
   * @param maxPriority the highest priority its user's profile allows, if the user is known
   */
  public record Detail(
      QueueListing.Detail request,
      String username,
      ResultListing.Answer answer,
      @JsonProperty("max_priority") Integer maxPriority) {}

  /** What became of an action. */
  public sealed interface Outcome {
    record Done(Detail request) implements Outcome {}

    record NotFound() implements Outcome {}

    /** It has left the queue: nothing to cancel or reorder. */
    record NotQueued(String status) implements Outcome {}

    /** It has not failed: nothing to run again. */
    record NotFailed(String status) implements Outcome {}
  }

  /** The statuses a request can have. */
  public static final List<String> STATUSES =
      List.of("queued", "processing", "completed", "failed", "cancelled", "expired");

  private final QueueListing listing;
  private final IncomingRequests requests;
  private final QueryResults results;
  private final ResultListing answers;
  private final Directory directory;
  private final SystemLog log;

  OperatorRequests(
      QueueListing listing,
      IncomingRequests requests,
      QueryResults results,
      ResultListing answers,
      Directory directory,
      SystemLog log) {
    this.listing = listing;
    this.requests = requests;
    this.results = results;
    this.answers = answers;
    this.directory = directory;
    this.log = log;
  }

  public List<Row> page(
      QueueListing.Filter filter, QueueListing.Order order, int limit, long offset) {
    return listing.page(filter, order, limit, offset).stream()
        .map(request -> new Row(request, username(request.userId())))
        .toList();
  }

  public long count(QueueListing.Filter filter) {
    return listing.count(filter);
  }

  public Optional<Detail> one(UUID id) {
    return listing
        .byId(id)
        .map(
            request -> {
              Optional<User> user = user(request.request().userId());
              return new Detail(
                  request,
                  user.map(User::username).orElse(null),
                  answers.of(id).orElse(null),
                  user.flatMap(this::profile).map(ProfileType::maxPriority).orElse(null));
            });
  }

  /** Cancels a queued request, answered {@code cancelled} across the gap like a user's cancel. */
  @Transactional
  public Outcome cancel(String operator, UUID id) {
    Optional<IncomingRequests.Stored> stored = requests.lock(id);
    if (stored.isEmpty()) {
      return new Outcome.NotFound();
    }
    IncomingRequests.Stored request = stored.get();
    String why = "cancelled by the operator " + operator;
    if (!requests.cancelIfQueued(id, why)) {
      return new Outcome.NotQueued(request.status());
    }
    results.ended(
        id,
        request.traceId(),
        FailureRecord.Outcome.CANCELLED,
        "cancelled",
        why,
        request.receivedAt());
    log.record(
        SystemLog.Level.INFO,
        "operator",
        "Cancelled a queued request",
        details(operator, id, Map.of()));
    return new Outcome.Done(one(id).orElseThrow());
  }

  /**
   * Runs a failed request afresh: back in the queue with no attempts, its failure forgotten, so its
   * new answer goes back across the gap like any other (the request side takes a fresh answer for a
   * request it has seen fail).
   */
  @Transactional
  public Outcome retry(String operator, UUID id) {
    Optional<IncomingRequests.Stored> stored = requests.lock(id);
    if (stored.isEmpty()) {
      return new Outcome.NotFound();
    }
    Optional<ResultListing.Answer> failure = answers.of(id);
    if (!requests.requeueIfFailed(id)) {
      return new Outcome.NotFailed(stored.get().status());
    }
    results.forget(id);
    Map<String, Object> more = new LinkedHashMap<>();
    failure.ifPresent(
        answer -> more.put("failure", answer.reasonCode() + ": " + answer.reasonDetail()));
    log.record(
        SystemLog.Level.INFO, "operator", "Retried a failed request", details(operator, id, more));
    return new Outcome.Done(one(id).orElseThrow());
  }

  /**
   * Sets a queued request's priority, from 0 to its user's profile maximum.
   *
   * @throws InvalidField naming {@code priority} when it is out of that range
   */
  @Transactional
  public Outcome prioritize(String operator, UUID id, int priority) {
    Optional<IncomingRequests.Stored> stored = requests.lock(id);
    if (stored.isEmpty()) {
      return new Outcome.NotFound();
    }
    int max =
        user(stored.get().userId()).flatMap(this::profile).map(ProfileType::maxPriority).orElse(0);
    if (priority < 0 || priority > max) {
      throw new InvalidField(
          "priority", "must be from 0 to " + max + ", the highest its user's profile allows");
    }
    if (!requests.prioritizeIfQueued(id, priority)) {
      return new Outcome.NotQueued(stored.get().status());
    }
    log.record(
        SystemLog.Level.INFO,
        "operator",
        "Set a queued request's priority",
        details(operator, id, Map.of("priority", priority)));
    return new Outcome.Done(one(id).orElseThrow());
  }

  private static Map<String, Object> details(String operator, UUID id, Map<String, ?> more) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operator", operator);
    details.put("request_id", id.toString());
    details.putAll(more);
    return details;
  }

  private Optional<User> user(UUID id) {
    return id == null ? Optional.empty() : directory.user(id);
  }

  private Optional<ProfileType> profile(User user) {
    return directory.profileType(user.profileType());
  }

  private String username(UUID userId) {
    return user(userId).map(User::username).orElse(null);
  }

  /**
   * The listing's filter; empty when it names a user nobody is (nothing can match).
   *
   * @throws InvalidField for a status that does not exist or a range that ends before it starts
   */
  public Optional<QueueListing.Filter> filter(
      String status,
      String username,
      String index,
      Integer priority,
      Instant from,
      Instant to,
      String search) {
    String wanted = given(status);
    if (wanted != null && !STATUSES.contains(wanted.toLowerCase(Locale.ROOT))) {
      throw new InvalidField("status", "must be one of " + String.join(", ", STATUSES));
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidField("from", "must not be after the end of the range");
    }
    UUID userId = null;
    if (given(username) != null) {
      Optional<User> user = directory.user(given(username));
      if (user.isEmpty()) {
        return Optional.empty();
      }
      userId = user.get().id();
    }
    return Optional.of(
        new QueueListing.Filter(
            wanted == null ? null : wanted.toLowerCase(Locale.ROOT),
            userId,
            given(index),
            priority,
            from,
            to,
            given(search)));
  }

  public static QueueListing.Order order(String sort) {
    return QueueListing.Order.fromWireName(sort)
        .orElseThrow(() -> new InvalidField("sort", "must be newest, oldest or priority"));
  }

  private static String given(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
