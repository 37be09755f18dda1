package io.airlock.responseside.queue;

import io.airlock.platform.database.LockConflicts;
import io.airlock.responseside.results.QueryResults;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.QueryType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request queue in {@code incoming_requests}, shared by every worker of every instance on one
 * database. A worker claims ready requests under a lease ({@code FOR UPDATE SKIP LOCKED}, so
 * claimers never wait for each other or take the same row), then settles each one. Every settling
 * write checks the fencing token of {@link ClaimedRequest}: after a lease lapsed and another worker
 * took the request, the first worker's late answer changes nothing. All times are the database's,
 * so instances with skewed clocks agree on leases and deadlines.
 */
@Repository
public class RequestQueue {

  /** The reason code of a request whose deadline passed before it ran. */
  public static final String DEADLINE_PASSED = "deadline_passed";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final QueryResults results;
  private final Leases leases;
  private final LongAdder expiredOnClaim = new LongAdder();

  RequestQueue(JdbcClient jdbc, JsonMapper json, QueryResults results) {
    this.jdbc = jdbc;
    this.json = json;
    this.results = results;
    this.leases = new Leases(jdbc);
  }

  /**
   * Claims up to {@code max} ready requests, highest priority first, then oldest. Requests whose
   * lease lapsed (their worker died) are ready again. A claimed request already past its deadline
   * is answered {@code expired} here and not returned.
   *
   * @return the claimed requests in the order to run them
   */
  @Transactional
  public List<ClaimedRequest> claim(String owner, int max, Duration lease) {
    leases.returnLapsed();
    List<Claim> claims =
        jdbc.sql(
                """
                with ready as (
                    select request_id from incoming_requests
                    where status = 'queued' and next_attempt_at <= now()
                    order by priority desc, received_at
                    limit :max
                    for update skip locked)
                update incoming_requests r
                set status = 'processing', lease_owner = :owner,
                    lease_until = now() + :leaseMs * interval '1 millisecond',
                    attempts = r.attempts + 1, started_at = now()
                from ready where r.request_id = ready.request_id
                returning r.request_id, r.trace_id, r.traceparent, r.index_name, r.query_type,
                    r.query_params::text as query_params, r.priority, r.cache_key, r.attempts,
                    r.runs,
                    r.received_at, r.deadline, r.lease_owner, r.deadline <= now() as overdue
                """)
            .param("max", max)
            .param("owner", owner)
            .param("leaseMs", lease.toMillis())
            .query(this::claim)
            .list();
    List<ClaimedRequest> live = new ArrayList<>();
    for (Claim claim : claims) {
      if (claim.overdue()) {
        expire(claim.request());
      } else {
        live.add(claim.request());
      }
    }
    live.sort(
        Comparator.comparingInt(ClaimedRequest::priority)
            .reversed()
            .thenComparing(ClaimedRequest::receivedAt));
    return live;
  }

  /**
   * Ends a request with its result.
   *
   * @return false if the lease was no longer this worker's: nothing was written
   */
  @Transactional
  public boolean complete(ClaimedRequest request, Answer answer) {
    return settleAll(List.of(new Settlement.Completion(request, answer))).get(0);
  }

  /**
   * Ends a request as failed, with a stable reason code and the details.
   *
   * @return false if the lease was no longer this worker's: nothing was written
   */
  @Transactional
  public boolean fail(ClaimedRequest request, String reasonCode, String detail) {
    if (!leases.settle(request, "failed", reasonCode, detail)) {
      return false;
    }
    results.ended(
        request.requestId(),
        request.traceId(),
        FailureRecord.Outcome.FAILED,
        reasonCode,
        detail,
        request.receivedAt());
    return true;
  }

  /**
   * Ends a request whose result no results batch can carry: failed, {@code result_too_large}, with
   * the result kept on this side for operators.
   *
   * @return false if the lease was no longer this worker's: nothing was written
   */
  @Transactional
  public boolean failTooLarge(
      ClaimedRequest request, Answer answer, String reasonCode, String detail) {
    if (!fail(request, reasonCode, detail)) {
      return false;
    }
    results.keepOversized(
        request.requestId(), answer.result(), answer.resultSha256(), answer.resultBytes());
    return true;
  }

  /**
   * Starts a claimed request's run: extends its lease from now, since a claim holds several
   * requests and the last of them must not lapse (and run twice) while the first ones run, and
   * counts the run.
   *
   * @return the request with its runs counted; empty if the lease was no longer this worker's, and
   *     the request must not run
   */
  public Optional<ClaimedRequest> start(ClaimedRequest request, Duration lease) {
    return startAll(List.of(request), lease).stream().findFirst();
  }

  /**
   * Starts the runs of claimed requests that run together, with one statement, as {@link #start}
   * one.
   *
   * @return those whose lease was still this worker's, with their runs counted, in their order
   */
  public List<ClaimedRequest> startAll(List<ClaimedRequest> requests, Duration lease) {
    // It locks the claim's rows at once: an import's cancels may hold some of them.
    Map<UUID, Integer> runs = LockConflicts.retried(() -> leases.startAll(requests, lease));
    return requests.stream()
        .filter(request -> runs.containsKey(request.requestId()))
        .map(request -> request.startedAs(runs.get(request.requestId())))
        .toList();
  }

  /**
   * Settles requests that ran together, in one transaction: their answers with one statement each
   * for the queue and the results, the rarer endings one by one.
   *
   * @return for each settlement in order, false if the lease was no longer this worker's: nothing
   *     was written for it
   */
  @Transactional
  public List<Boolean> settleAll(List<Settlement> settlements) {
    List<Settlement.Completion> completions = new ArrayList<>();
    for (Settlement settlement : settlements) {
      if (settlement instanceof Settlement.Completion completion) {
        completions.add(completion);
      }
    }
    Set<UUID> completed =
        leases.completeAll(completions.stream().map(Settlement.Completion::request).toList());
    results.completedAll(
        completions.stream()
            .filter(completion -> completed.contains(completion.request().requestId()))
            .map(RequestQueue::result)
            .toList());
    List<Boolean> settled = new ArrayList<>(settlements.size());
    for (Settlement settlement : settlements) {
      settled.add(
          settlement instanceof Settlement.Completion
              ? completed.contains(settlement.request().requestId())
              : settleAlone(settlement));
    }
    return settled;
  }

  private boolean settleAlone(Settlement settlement) {
    if (settlement instanceof Settlement.Failure failure) {
      return fail(failure.request(), failure.reasonCode(), failure.detail());
    }
    if (settlement instanceof Settlement.Oversized oversized) {
      return failTooLarge(
          oversized.request(), oversized.answer(), oversized.reasonCode(), oversized.detail());
    }
    Settlement.Retry retry = (Settlement.Retry) settlement;
    return retryLater(retry.request(), retry.delay(), retry.reasonCode(), retry.why());
  }

  private static QueryResults.Completed result(Settlement.Completion completion) {
    ClaimedRequest request = completion.request();
    Answer answer = completion.answer();
    return new QueryResults.Completed(
        request.requestId(),
        request.traceId(),
        answer.result(),
        answer.resultSha256(),
        answer.resultBytes(),
        answer.executionMs(),
        answer.cacheHit(),
        request.receivedAt(),
        null);
  }

  /**
   * Puts a request back in the queue to run again after {@code delay}, keeping why this run failed
   * in its reason fields.
   *
   * @return false if the lease was no longer this worker's
   */
  public boolean retryLater(ClaimedRequest request, Duration delay, String reasonCode, String why) {
    return leases.requeue(request, delay, 0, reasonCode, why);
  }

  /**
   * Gives a claimed request that never started back to the queue, as if never claimed, for a worker
   * that stops.
   */
  public boolean release(ClaimedRequest request) {
    return leases.requeue(request, Duration.ZERO, 1, null, null);
  }

  /** Requests that claims on this instance found past their deadline, since it started. */
  public long expiredOnClaim() {
    return expiredOnClaim.sum();
  }

  private void expire(ClaimedRequest request) {
    String detail = "the deadline " + request.deadline() + " passed before the query ran";
    leases.settle(request, "expired", DEADLINE_PASSED, detail);
    results.ended(
        request.requestId(),
        request.traceId(),
        FailureRecord.Outcome.EXPIRED,
        DEADLINE_PASSED,
        detail,
        request.receivedAt());
    expiredOnClaim.increment();
  }

  private Claim claim(ResultSet row, int rowNumber) throws SQLException {
    ClaimedRequest request =
        new ClaimedRequest(
            row.getObject("request_id", UUID.class),
            row.getString("trace_id"),
            row.getString("traceparent"),
            row.getString("index_name"),
            QueryType.fromWireName(row.getString("query_type")).orElse(QueryType.SEARCH),
            json.readTree(row.getString("query_params")),
            row.getInt("priority"),
            row.getString("cache_key"),
            row.getInt("attempts"),
            row.getInt("runs"),
            instant(row.getTimestamp("received_at")),
            instant(row.getTimestamp("deadline")),
            row.getString("lease_owner"));
    return new Claim(request, row.getBoolean("overdue"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private record Claim(ClaimedRequest request, boolean overdue) {}
}
