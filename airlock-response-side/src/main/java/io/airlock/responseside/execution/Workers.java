package io.airlock.responseside.execution;

import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.responseside.queue.ClaimedRequest;
import io.airlock.responseside.queue.RequestQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker threads of this instance: each claims a few requests, runs them one after another, and
 * waits a poll interval when the queue has nothing ready. Stopping stops the claiming, gives the
 * running queries a grace period, returns claimed requests that never started to the queue, and
 * leaves any query still running after the grace to its lease.
 */
class Workers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  private final RequestQueue queue;
  private final QueryExecution execution;
  private final ExecutorProperties properties;
  private final String instanceId;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger busy = new AtomicInteger();
  private volatile boolean running;

  /**
   * @param instanceId names this instance's leases: unique among the instances sharing a database
   */
  Workers(
      RequestQueue queue,
      QueryExecution execution,
      ExecutorProperties properties,
      String instanceId) {
    this.queue = queue;
    this.execution = execution;
    this.properties = properties;
    this.instanceId = instanceId;
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

  /** Worker threads alive now. */
  int alive() {
    return (int) threads.stream().filter(Thread::isAlive).count();
  }

  /** Workers running a request right now. */
  int busy() {
    return busy.get();
  }

  private void work(String owner) {
    while (running) {
      List<ClaimedRequest> claimed;
      try {
        claimed = queue.claim(owner, properties.batchSize(), properties.lease());
      } catch (RuntimeException e) {
        log.warn("Claiming requests failed; trying again: {}", e.toString());
        claimed = List.of();
      }
      if (claimed.isEmpty() && !pause()) {
        return;
      }
      runAll(claimed);
    }
  }

  private void runAll(List<ClaimedRequest> claimed) {
    for (int i = 0; i < claimed.size(); i++) {
      if (!running) {
        claimed.subList(i, claimed.size()).forEach(queue::release);
        return;
      }
      ClaimedRequest request = claimed.get(i);
      Optional<ClaimedRequest> started = queue.start(request, properties.lease());
      if (started.isEmpty()) {
        log.info("Request {} was taken over while it waited in this claim", request.requestId());
        continue;
      }
      busy.incrementAndGet();
      try {
        execution.run(started.get());
      } catch (RuntimeException e) {
        // Nothing was settled: the request runs again once its lease lapses.
        log.error("Running request {} failed", request.requestId(), e);
      } finally {
        busy.decrementAndGet();
      }
    }
  }

  private boolean pause() {
    try {
      Thread.sleep(properties.pollInterval().toMillis());
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
