package io.airlock.responseside.execution;

import io.airlock.platform.tracing.GapTracing;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.queue.ClaimedRequest;
import io.airlock.responseside.queue.RequestQueue;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.transfer.query.QueryRules;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * One executor worker for other features' tests, whose context runs none: it runs what is ready in
 * the queue, as the workers would, when the test says.
 */
public final class TestWorker {

  private static final Duration LEASE = Duration.ofMinutes(1);

  private final RequestQueue queue;
  private final QueryExecution execution;

  public TestWorker(RequestQueue queue, ResultCache cache, SearchEngine engine, JsonMapper json) {
    this(queue, cache, engine, json, GapTracing.none());
  }

  /** A worker whose runs continue their requests' traces, as the context's workers do. */
  public TestWorker(
      RequestQueue queue,
      ResultCache cache,
      SearchEngine engine,
      JsonMapper json,
      GapTracing tracing) {
    this.queue = queue;
    this.execution =
        new QueryExecution(
            queue,
            cache,
            engine,
            QueryRules.standard(),
            json,
            ExecutorFixture.properties(),
            tracing);
  }

  /** Runs every request ready now, once each, as the workers do, and says how many it ran. */
  public int runReady() {
    int ran = 0;
    List<ClaimedRequest> claimed = queue.claim("test-worker", 10, LEASE);
    while (!claimed.isEmpty()) {
      for (QueryExecution.Executed executed : execution.runAll(queue.startAll(claimed, LEASE))) {
        if (executed.failure() != null) {
          throw executed.failure();
        }
      }
      ran += claimed.size();
      // A request that fails is answered or waits for its retry: no claim returns it again now.
      claimed = queue.claim("test-worker", 10, LEASE);
    }
    return ran;
  }
}
