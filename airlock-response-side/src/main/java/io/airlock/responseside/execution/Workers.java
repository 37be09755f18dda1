package io.airlock.responseside.execution;

import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.responseside.queue.ClaimedRequest;
import io.airlock.responseside.queue.RequestQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker threads of this instance: each claims a few requests, runs them together ({@link
 * QueryExecution#runAll}), and when the queue has nothing ready waits until the import of new
 * requests wakes it ({@link #QUEUE_CHANNEL}, signalled on every instance when they commit) or a
 * poll interval has passed (for retries falling due, and as the backstop). Stopping stops the
 * claiming, gives the running queries a grace period, returns claimed requests that never started
 * to the queue, and leaves any query still running after the grace to its lease.
 */
class Workers implements SmartLifecycle {

  /** The signal channel the queue's trigger notifies when requests are imported. */
  static final String QUEUE_CHANNEL = "airlock_queue";

  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  private final RequestQueue queue;
  private final QueryExecution execution;
  private final ExecutorProperties properties;
  private final String instanceId;
  private final ExecutionMetrics metrics;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile boolean running;
  // Counts the wake-ups, so that a worker does not sleep through one that came while it claimed.
  private final Object idle = new Object();
  private long wakeUps;

  /**
   * @param instanceId names this instance's leases: unique among the instances sharing a database
   */
  Workers(
      RequestQueue queue,
      QueryExecution execution,
      ExecutorProperties properties,
      String instanceId,
      MeterRegistry registry) {
    this.queue = queue;
    this.execution = execution;
    this.properties = properties;
    this.instanceId = instanceId;
    this.metrics = new ExecutionMetrics(registry, queue);
    // Utilisation is busy / configured: alive would hide workers that died.
    Gauge.builder("airlock.workers", this::configured)
        .description("Worker threads this instance is configured to run (0: it runs none)")
        .register(registry);
    Gauge.builder("airlock.workers.busy", busy, AtomicInteger::get)
        .description("Workers running a claim of requests right now")
        .register(registry);
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || running) {
      return;
    }
    running = true;
    for (int i = 1; i <= properties.workerCount(); i++) {
      String owner = instanceId + "-w" + i;
      Thread thread =
          new Thread(ApplicationInLogs.carried(() -> work(owner)), "airlock-executor-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    log.info("{} executor worker(s) started as {}", threads.size(), instanceId);
  }

  @Override
  public synchronized void stop() {
    running = false;
    wake();
    long deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
    for (Thread thread : threads) {
      join(thread, deadline - System.nanoTime());
    }
    // Past the grace, a query's wait is interrupted; its request goes back to the queue or, if the
    // worker cannot even do that, to its lease's expiry.
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      join(thread, TimeUnit.SECONDS.toNanos(5));
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  String instanceId() {
    return instanceId;
  }

  /** Worker threads this instance runs when started: 0 when it runs none. */
  int configured() {
    return properties.enabled() ? properties.workerCount() : 0;
  }

  /** Worker threads alive now. */
  int alive() {
    return (int) threads.stream().filter(Thread::isAlive).count();
  }

  /** Workers waiting for requests to be queued right now. */
  int waiting() {
    return waiting.get();
  }

  /** Workers running a claim of requests right now. */
  int busy() {
    return busy.get();
  }

  /** Wakes the idle workers: requests were queued. */
  void wake() {
    synchronized (idle) {
      wakeUps++;
      idle.notifyAll();
    }
  }

  private void work(String owner) {
    while (running) {
      long seen;
      synchronized (idle) {
        seen = wakeUps;
      }
      List<ClaimedRequest> claimed;
      try {
        claimed = queue.claim(owner, properties.batchSize(), properties.lease());
      } catch (RuntimeException e) {
        log.warn("Claiming requests failed; trying again: {}", e.toString());
        claimed = List.of();
      }
      if (claimed.isEmpty() && !pause(seen)) {
        return;
      }
      runAll(claimed);
    }
  }

  private void runAll(List<ClaimedRequest> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    if (!running) {
      claimed.forEach(queue::release);
      return;
    }
    List<ClaimedRequest> started;
    try {
      started = queue.startAll(claimed, properties.lease());
    } catch (RuntimeException e) {
      log.warn(
          "Starting {} claimed requests failed; their leases will lapse: {}",
          claimed.size(),
          e.toString());
      return;
    }
    if (started.size() < claimed.size()) {
      log.info(
          "{} of {} claimed requests were taken over before they started",
          claimed.size() - started.size(),
          claimed.size());
    }
    busy.incrementAndGet();
    try {
      for (QueryExecution.Executed executed : execution.runAll(started)) {
        if (executed.failure() == null) {
          metrics.ran(executed.outcome(), executed.nanos());
        } else {
          // Nothing was settled: the request runs again once its lease lapses.
          metrics.threw();
          log.error(
              "Running request {} failed", executed.request().requestId(), executed.failure());
        }
      }
    } catch (RuntimeException e) {
      // The claim as a whole (its cache lookup): nothing was settled, each runs again once its
      // lease lapses.
      started.forEach(request -> metrics.threw());
      log.error("Running a claim of {} requests failed", started.size(), e);
    } finally {
      busy.decrementAndGet();
    }
  }

  /** Waits for a wake-up after the {@code seen}th, or a poll interval; false if interrupted. */
  private boolean pause(long seen) {
    try {
      synchronized (idle) {
        if (wakeUps == seen) {
          waiting.incrementAndGet();
          try {
            idle.wait(properties.pollInterval().toMillis());
          } finally {
            waiting.decrementAndGet();
          }
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void join(Thread thread, long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
