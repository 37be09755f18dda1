package io.airlock.responseside.execution;

import io.airlock.platform.tracing.GapTracing;
import io.airlock.responseside.cache.ResultBody;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.queue.Answer;
import io.airlock.responseside.queue.ClaimedRequest;
import io.airlock.responseside.queue.RequestQueue;
import io.airlock.responseside.search.Backoff;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.responseside.search.SearchOutcome;
import io.airlock.transfer.query.QueryCheck;
import io.airlock.transfer.query.QueryRules;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed request: from the cache if a fresh result is there, else on the engine, asked
 * once per run. A passing failure (timeout, connection, 429, 5xx) sends the request back to the
 * queue with backoff, so that an outage does not hold a worker, until the request has run {@code
 * max-attempts} times. A request the engine refuses fails at once with the engine's reason.
 *
 * <p>A run continues the trace its request brought across the gap: a span {@code airlock.execute}
 * with the cache lookup and the engine call as its children, and, at DEBUG, one line inside it
 * saying how the run ended. A request's first run also ends its span {@code airlock.queue.wait}.
 */
@Component
class QueryExecution {

  private static final Logger log = LoggerFactory.getLogger(QueryExecution.class);

  private final RequestQueue queue;
  private final ResultCache cache;
  private final SearchEngine engine;
  private final QueryRules rules;
  private final JsonMapper json;
  private final ExecutorProperties properties;
  private final ResultLimits limits;
  private final Backoff backoff;
  private final GapTracing tracing;

  QueryExecution(
      RequestQueue queue,
      ResultCache cache,
      SearchEngine engine,
      QueryRules rules,
      JsonMapper json,
      ExecutorProperties properties,
      GapTracing tracing) {
    this.queue = queue;
    this.tracing = tracing;
    this.cache = cache;
    this.engine = engine;
    this.rules = rules;
    this.json = json;
    this.properties = properties;
    this.limits = new ResultLimits(properties);
    this.backoff =
        new Backoff(
            properties.retryBackoff(), properties.maxRetryBackoff(), RandomGenerator.getDefault());
  }

  /** Runs a request that {@link RequestQueue#start} has just started. */
  ExecutionOutcome run(ClaimedRequest request) {
    // Up to its start, not its claim: a request waits in its worker's claim behind the others of
    // it, too. A later run waited for its retry, not in the queue: its trace shows that as a gap.
    if (request.runs() == 1 && request.traceparent() != null) {
      tracing.record("airlock.queue.wait", request.traceparent(), request.receivedAt());
    }
    return tracing.inSpan(
        "airlock.execute",
        request.traceparent(),
        () -> {
          Ran ran = execute(request);
          log.debug(
              "Request {} ran: {}; source: {}",
              request.requestId(),
              describe(ran.outcome()),
              ran.source());
          return ran.outcome();
        });
  }

  private Ran execute(ClaimedRequest request) {
    if (request.runs() > properties.maxAttempts()) {
      return new Ran(
          fail(
              request,
              ReasonCodes.ATTEMPTS_EXHAUSTED,
              "started " + request.runs() + " times; no worker finished it"),
          Ran.NO_SOURCE);
    }
    // Checked again, as it runs: it may have been queued under older rules, or a narrower policy
    // may have come into force since. Before the cache too, which may hold its old answer.
    QueryCheck check =
        rules.check(request.indexName(), request.queryType().wireName(), request.queryParams());
    if (check instanceof QueryCheck.Invalid invalid) {
      return new Ran(
          fail(request, QueryCheck.Invalid.REASON_CODE, invalid.field() + " " + invalid.reason()),
          Ran.NO_SOURCE);
    }
    JsonNode params = ((QueryCheck.Valid) check).params();
    long started = System.nanoTime();
    Optional<ResultCache.Hit> hit =
        request.cacheKey() == null
            ? Optional.empty()
            : tracing.inChildSpan("airlock.cache.lookup", () -> cache.lookup(request.cacheKey()));
    if (hit.isPresent()) {
      return new Ran(
          answer(request, params, hit.get().body(), millisSince(started), true), Ran.CACHE);
    }
    SearchOutcome outcome =
        tracing.inChildSpan(
            "airlock.engine.call",
            () -> engine.execute(request.indexName(), request.queryType(), params));
    return new Ran(settle(request, params, outcome), Ran.ENGINE);
  }

  private ExecutionOutcome settle(ClaimedRequest request, JsonNode params, SearchOutcome outcome) {
    if (outcome instanceof SearchOutcome.Answered answered) {
      return answer(
          request, params, ResultBody.of(answered.body(), json), answered.tookMs(), false);
    }
    SearchOutcome.Failed failed = (SearchOutcome.Failed) outcome;
    if (failed.kind() == SearchOutcome.Kind.PERMANENT) {
      return fail(request, permanentReason(failed), failed.reason());
    }
    if (request.runs() < properties.maxAttempts()) {
      Duration delay = backoff.before(request.runs());
      return queue.retryLater(request, delay, ReasonCodes.SEARCH_UNAVAILABLE, failed.reason())
          ? new ExecutionOutcome.RetryScheduled(delay, failed.reason())
          : new ExecutionOutcome.LeaseLost();
    }
    return fail(
        request,
        ReasonCodes.SEARCH_UNAVAILABLE,
        failed.reason() + " (run " + request.runs() + " times)");
  }

  // A result too large to send is not cached either: every later run would fail the same way.
  private ExecutionOutcome answer(
      ClaimedRequest request,
      JsonNode params,
      ResultBody body,
      long executionMs,
      boolean cacheHit) {
    // jsonb refuses a NUL character: storing it would throw on every run, attempts exhausted.
    if (limits.holdsNul(body)) {
      return fail(
          request,
          ReasonCodes.RESULT_UNSTORABLE,
          "the result holds a NUL character (\\u0000), which cannot be stored as JSON");
    }
    Answer answer = new Answer(body.json(), body.sha256(), body.bytes(), executionMs, cacheHit);
    if (!limits.fits(request.requestId(), request.traceId(), request.receivedAt(), body)) {
      String detail =
          "the result is "
              + body.bytes()
              + " bytes; a results batch carries at most "
              + limits.maxBytes()
              + " (kept on the response side)";
      return queue.failTooLarge(request, answer, ReasonCodes.RESULT_TOO_LARGE, detail)
          ? new ExecutionOutcome.Failed(ReasonCodes.RESULT_TOO_LARGE, detail)
          : new ExecutionOutcome.LeaseLost();
    }
    if (!cacheHit && request.cacheKey() != null) {
      cache.store(request.cacheKey(), request.indexName(), request.queryType(), params, body);
    }
    return queue.complete(request, answer)
        ? new ExecutionOutcome.Completed(cacheHit)
        : new ExecutionOutcome.LeaseLost();
  }

  private ExecutionOutcome fail(ClaimedRequest request, String reasonCode, String detail) {
    return queue.fail(request, reasonCode, detail)
        ? new ExecutionOutcome.Failed(reasonCode, detail)
        : new ExecutionOutcome.LeaseLost();
  }

  private static String permanentReason(SearchOutcome.Failed failed) {
    if (failed.reason().startsWith("index_not_found_exception")) {
      return ReasonCodes.INDEX_NOT_FOUND;
    }
    return failed.status() == 400 ? ReasonCodes.BAD_QUERY : ReasonCodes.SEARCH_FAILED;
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  // The reason code, not the detail: an engine's reason may run over many lines.
  private static String describe(ExecutionOutcome outcome) {
    if (outcome instanceof ExecutionOutcome.Completed) {
      return "completed";
    }
    if (outcome instanceof ExecutionOutcome.Failed failed) {
      return "failed (" + failed.reasonCode() + ")";
    }
    if (outcome instanceof ExecutionOutcome.RetryScheduled retry) {
      return "retry in " + retry.delay();
    }
    return "lease lost";
  }

  /** How a run ended, and where its answer came from: the cache, the engine, or neither. */
  private record Ran(ExecutionOutcome outcome, String source) {
    static final String CACHE = "cache";
    static final String ENGINE = "engine";
    static final String NO_SOURCE = "none";
  }
}
