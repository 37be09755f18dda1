package io.airlock.responseside.execution;

import io.airlock.platform.database.LockConflicts;
import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.platform.tracing.GapTracing;
import io.airlock.responseside.cache.ResultBody;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.queue.Answer;
import io.airlock.responseside.queue.ClaimedRequest;
import io.airlock.responseside.queue.RequestQueue;
import io.airlock.responseside.queue.Settlement;
import io.airlock.responseside.search.Backoff;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.responseside.search.SearchOutcome;
import io.airlock.transfer.query.QueryCheck;
import io.airlock.transfer.query.QueryRules;
import io.micrometer.tracing.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the requests of one claim together: each is decided on its own, from the cache if a fresh
 * result is there, else on the engine, asked once per run; the claim's engine calls are in flight
 * at the same time (at most {@code workers × batch-size} on this instance). Then the fresh results
 * are cached and every request is settled, each with one statement for the whole claim where it can
 * (decision 70). A passing failure (timeout, connection, 429, 5xx) sends the request back to the
 * queue with backoff, so that an outage does not hold a worker, until the request has run {@code
 * max-attempts} times. A request the engine refuses fails at once with the engine's reason.
 *
 * <p>A run continues the trace its request brought across the gap: a span {@code airlock.execute}
 * with the cache lookup and the engine call as its children, and, at DEBUG, one line inside it
 * saying how the run ended. A request's first run also ends its span {@code airlock.queue.wait}.
 */
@Component
class QueryExecution implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(QueryExecution.class);

  /** How a run ended and where its answer came from; {@code failure} when it threw instead. */
  record Executed(
      ClaimedRequest request,
      ExecutionOutcome outcome,
      String source,
      long nanos,
      RuntimeException failure) {}

  private final RequestQueue queue;
  private final ResultCache cache;
  private final SearchEngine engine;
  private final QueryRules rules;
  private final JsonMapper json;
  private final ExecutorProperties properties;
  private final ResultLimits limits;
  private final Backoff backoff;
  private final GapTracing tracing;
  // Runs a claim's requests side by side: a thread each, never more than the workers' claims hold.
  private final ThreadPoolExecutor runs;

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
    AtomicInteger threads = new AtomicInteger();
    this.runs =
        new ThreadPoolExecutor(
            0,
            // Twice the claims' requests: a thread just done may not be back in the pool yet.
            2 * properties.workerCount() * properties.batchSize(),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "airlock-run-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            // Beyond the bound (more workers than configured, in tests), the worker runs it itself.
            new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Runs a request that {@link RequestQueue#start} has just started. */
  ExecutionOutcome run(ClaimedRequest request) {
    Executed executed = runAll(List.of(request)).get(0);
    if (executed.failure() != null) {
      throw executed.failure();
    }
    return executed.outcome();
  }

  /**
   * Runs requests that {@link RequestQueue#startAll} has just started, together, and settles them.
   *
   * @return how each run ended, in their order
   */
  List<Executed> runAll(List<ClaimedRequest> started) {
    List<Span> spans = new ArrayList<>(started.size());
    try {
      return runAll(started, spans);
    } catch (RuntimeException e) {
      // Before any run was decided (the cache lookup failed): nothing was settled.
      spans.forEach(
          span -> {
            span.error(e);
            span.end();
          });
      throw e;
    }
  }

  private List<Executed> runAll(List<ClaimedRequest> started, List<Span> spans) {
    long begun = System.nanoTime();
    List<CompletableFuture<Decision>> decisions = new ArrayList<>(started.size());
    List<JsonNode> checked = new ArrayList<>(started.size());
    for (ClaimedRequest request : started) {
      // Up to its start, not its claim. A later run waited for its retry, not in the queue: its
      // trace shows that as a gap.
      if (request.runs() == 1 && request.traceparent() != null) {
        tracing.record("airlock.queue.wait", request.traceparent(), request.receivedAt());
      }
      Span span = tracing.start("airlock.execute", request.traceparent(), null);
      spans.add(span);
      Checked check = check(request);
      decisions.add(
          check.refused() == null ? null : CompletableFuture.completedFuture(check.refused()));
      checked.add(check.params());
    }
    // The cache first, for the whole claim at once; the engine for what it has not.
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      if (checked.get(i) != null && started.get(i).cacheKey() != null) {
        keys.add(started.get(i).cacheKey());
      }
    }
    Instant lookedUp = Instant.now();
    long lookup = System.nanoTime();
    Map<String, ResultCache.Hit> hits = keys.isEmpty() ? Map.of() : cache.lookupEach(keys);
    long lookupMs = millisSince(lookup);
    List<Integer> toEngine = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      ClaimedRequest request = started.get(i);
      JsonNode params = checked.get(i);
      if (params == null) {
        continue;
      }
      ResultCache.Hit hit = null;
      if (request.cacheKey() != null) {
        tracing.within(
            spans.get(i),
            () -> {
              tracing.record("airlock.cache.lookup", tracing.currentTraceparent(), lookedUp);
              return null;
            });
        hit = hits.get(request.cacheKey());
      }
      if (hit != null) {
        decisions.set(
            i,
            CompletableFuture.completedFuture(answer(request, params, hit.body(), lookupMs, true)));
      } else {
        toEngine.add(i);
      }
    }
    // One engine call per query: a request asking what another of the claim asks takes its
    // answer, as the cache would have given it had they run one after the other.
    Map<String, CompletableFuture<Decision>> asked = new HashMap<>();
    for (int i : toEngine) {
      ClaimedRequest request = started.get(i);
      JsonNode params = checked.get(i);
      CompletableFuture<Decision> same =
          request.cacheKey() == null ? null : asked.get(request.cacheKey());
      Span span = spans.get(i);
      CompletableFuture<Decision> decision =
          same == null
              ? ask(request, params, span, toEngine.size() == 1)
              : same.thenCompose(
                  first ->
                      first.fresh() == null
                          // No answer to share: it asks the engine itself, as it would have.
                          ? ask(request, params, span, false)
                          : CompletableFuture.completedFuture(
                              answer(request, params, first.fresh().body(), lookupMs, true)));
      if (same == null && request.cacheKey() != null) {
        asked.put(request.cacheKey(), decision);
      }
      decisions.set(i, decision);
    }
    List<Decision> decided = new ArrayList<>(started.size());
    List<RuntimeException> failures = new ArrayList<>(started.size());
    boolean interrupted = false;
    for (CompletableFuture<Decision> decision : decisions) {
      try {
        decided.add(decision.get());
        failures.add(null);
      } catch (ExecutionException e) {
        decided.add(null);
        failures.add(unchecked(e.getCause()));
      } catch (InterruptedException e) {
        // Stopping, past the grace: nothing is settled, each request waits for its lease to lapse
        // (the runs still going are interrupted as this bean is destroyed).
        Thread.currentThread().interrupt();
        interrupted = true;
        decided = new ArrayList<>(Collections.nCopies(started.size(), null));
        failures =
            new ArrayList<>(
                Collections.nCopies(
                    started.size(), new IllegalStateException("interrupted while it ran", e)));
        break;
      }
    }
    List<Boolean> settled;
    long settleBegun = System.nanoTime();
    try {
      settled = interrupted ? null : settle(decided);
    } catch (RuntimeException e) {
      // Nothing was settled: each request runs again once its lease lapses.
      settled = null;
      for (int i = 0; i < failures.size(); i++) {
        failures.set(i, failures.get(i) == null ? e : failures.get(i));
      }
    }
    // Each run's own time: its decision, then the claim's settling (not the slowest of the claim).
    long settling = System.nanoTime() - settleBegun;
    List<Executed> executed = new ArrayList<>(started.size());
    for (int i = 0; i < started.size(); i++) {
      Decision decision = decided.get(i);
      RuntimeException failure = failures.get(i);
      long nanos =
          decision == null ? System.nanoTime() - begun : decision.decidedAt() - begun + settling;
      Executed one =
          failure != null
              ? new Executed(started.get(i), null, Decision.NO_SOURCE, nanos, failure)
              : new Executed(
                  started.get(i),
                  settled.get(i)
                      ? outcome(decision.settlement())
                      : new ExecutionOutcome.LeaseLost(),
                  decision.source(),
                  nanos,
                  null);
      executed.add(one);
      end(spans.get(i), one);
    }
    return executed;
  }

  /**
   * Asks the engine in the request's span: at once when it is the claim's only call, else beside
   * the others.
   */
  private CompletableFuture<Decision> ask(
      ClaimedRequest request, JsonNode params, Span span, boolean alone) {
    Supplier<Decision> call =
        () ->
            tracing.within(
                span,
                () ->
                    engineAnswered(
                        request,
                        params,
                        tracing.inChildSpan(
                            "airlock.engine.call",
                            () ->
                                engine.execute(request.indexName(), request.queryType(), params))));
    if (alone) {
      try {
        return CompletableFuture.completedFuture(call.get());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(
        call, task -> runs.execute(ApplicationInLogs.carried(task)));
  }

  /** Caches the fresh results, then settles every decided request in one transaction. */
  private List<Boolean> settle(List<Decision> decided) {
    List<Decision> present = decided.stream().filter(Objects::nonNull).toList();
    List<ResultCache.Fresh> fresh =
        present.stream().map(Decision::fresh).filter(Objects::nonNull).toList();
    LockConflicts.retried(
        () -> {
          cache.storeAll(fresh);
          return null;
        });
    // It locks the claim's rows at once: an import's cancels may hold some of them.
    List<Boolean> settled =
        LockConflicts.retried(
            () -> queue.settleAll(present.stream().map(Decision::settlement).toList()));
    List<Boolean> all = new ArrayList<>(decided.size());
    int next = 0;
    for (Decision decision : decided) {
      all.add(decision != null && settled.get(next++));
    }
    return all;
  }

  private void end(Span span, Executed executed) {
    if (executed.failure() != null) {
      span.error(executed.failure());
    } else {
      tracing.within(
          span,
          () -> {
            log.debug(
                "Request {} ran: {}; source: {}",
                executed.request().requestId(),
                describe(executed.outcome()),
                executed.source());
            return null;
          });
    }
    span.end();
  }

  /**
   * The request's params as the rules take them now, or the decision to fail it without a run: it
   * ran too often, or the rules refuse it. Checked again as it runs: it may have been queued under
   * older rules, or a narrower policy may have come into force since. Before the cache too, which
   * may hold its old answer.
   */
  private Checked check(ClaimedRequest request) {
    if (request.runs() > properties.maxAttempts()) {
      return Checked.refused(
          new Settlement.Failure(
              request,
              ReasonCodes.ATTEMPTS_EXHAUSTED,
              "started " + request.runs() + " times; no worker finished it"));
    }
    QueryCheck check =
        rules.check(request.indexName(), request.queryType().wireName(), request.queryParams());
    if (check instanceof QueryCheck.Invalid invalid) {
      return Checked.refused(
          new Settlement.Failure(
              request, QueryCheck.Invalid.REASON_CODE, invalid.field() + " " + invalid.reason()));
    }
    return new Checked(((QueryCheck.Valid) check).params(), null);
  }

  /** A request's params as the rules take them now, or, when they refuse it, its decision. */
  private record Checked(JsonNode params, Decision refused) {
    static Checked refused(Settlement failure) {
      return new Checked(null, Decision.of(failure));
    }
  }

  private Decision engineAnswered(ClaimedRequest request, JsonNode params, SearchOutcome outcome) {
    if (outcome instanceof SearchOutcome.Answered answered) {
      return answer(
          request, params, ResultBody.of(answered.body(), json), answered.tookMs(), false);
    }
    SearchOutcome.Failed failed = (SearchOutcome.Failed) outcome;
    Settlement settlement;
    if (failed.kind() == SearchOutcome.Kind.PERMANENT) {
      settlement = new Settlement.Failure(request, permanentReason(failed), failed.reason());
    } else if (request.runs() < properties.maxAttempts()) {
      settlement =
          new Settlement.Retry(
              request,
              backoff.before(request.runs()),
              ReasonCodes.SEARCH_UNAVAILABLE,
              failed.reason());
    } else {
      settlement =
          new Settlement.Failure(
              request,
              ReasonCodes.SEARCH_UNAVAILABLE,
              failed.reason() + " (run " + request.runs() + " times)");
    }
    return new Decision(settlement, null, Decision.ENGINE);
  }

  // A result too large to send is not cached either: every later run would fail the same way.
  private Decision answer(
      ClaimedRequest request,
      JsonNode params,
      ResultBody body,
      long executionMs,
      boolean cacheHit) {
    String source = cacheHit ? Decision.CACHE : Decision.ENGINE;
    // jsonb refuses a NUL character: storing it would throw on every run, attempts exhausted.
    if (limits.holdsNul(body)) {
      return new Decision(
          new Settlement.Failure(
              request,
              ReasonCodes.RESULT_UNSTORABLE,
              "the result holds a NUL character (\\u0000), which cannot be stored as JSON"),
          null,
          source);
    }
    Answer answer = new Answer(body.json(), body.sha256(), body.bytes(), executionMs, cacheHit);
    if (!limits.fits(request.requestId(), request.traceId(), request.receivedAt(), body)) {
      String detail =
          "the result is "
              + body.bytes()
              + " bytes; a results batch carries at most "
              + limits.maxBytes()
              + " (kept on the response side)";
      return new Decision(
          new Settlement.Oversized(request, answer, ReasonCodes.RESULT_TOO_LARGE, detail),
          null,
          source);
    }
    ResultCache.Fresh fresh =
        cacheHit || request.cacheKey() == null
            ? null
            : new ResultCache.Fresh(
                request.cacheKey(), request.indexName(), request.queryType(), params, body);
    return new Decision(new Settlement.Completion(request, answer), fresh, source);
  }

  /** What a settlement that was written means for the run. */
  private static ExecutionOutcome outcome(Settlement settlement) {
    if (settlement instanceof Settlement.Completion completion) {
      return new ExecutionOutcome.Completed(completion.answer().cacheHit());
    }
    if (settlement instanceof Settlement.Failure failure) {
      return new ExecutionOutcome.Failed(failure.reasonCode(), failure.detail());
    }
    if (settlement instanceof Settlement.Oversized oversized) {
      return new ExecutionOutcome.Failed(oversized.reasonCode(), oversized.detail());
    }
    Settlement.Retry retry = (Settlement.Retry) settlement;
    return new ExecutionOutcome.RetryScheduled(retry.delay(), retry.why());
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

  private static RuntimeException unchecked(Throwable cause) {
    return cause instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("A run failed", cause);
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

  @Override
  public void destroy() {
    runs.shutdownNow();
  }

  /**
   * How a run means to settle its request, the fresh result to cache first (if any), and where the
   * answer came from: the cache, the engine, or neither.
   */
  private record Decision(
      Settlement settlement, ResultCache.Fresh fresh, String source, long decidedAt) {
    static final String CACHE = "cache";
    static final String ENGINE = "engine";
    static final String NO_SOURCE = "none";

    /** Decided now ({@link System#nanoTime}). */
    Decision(Settlement settlement, ResultCache.Fresh fresh, String source) {
      this(settlement, fresh, source, System.nanoTime());
    }

    static Decision of(Settlement settlement) {
      return new Decision(settlement, null, NO_SOURCE);
    }
  }
}
