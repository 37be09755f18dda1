package io.airlock.requestside.requests;

import io.airlock.platform.signals.DatabaseSignals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Status changes of requests, as they happen, for event streams ({@code GET /requests/{id}/events},
 * the console's live status). Works across instances: the database signals {@value #CHANNEL}
 * whenever a request's status changes, whichever instance changed it, and each instance then reads
 * the requests its open streams watch again, in one statement however many streams are open.
 * Signals that come while a read runs are folded into one more read. The open streams are the gauge
 * {@code airlock.sse.subscribers}.
 */
@Component
public class RequestEvents implements SmartLifecycle, DisposableBean {

  /** The channel the {@code requests} status trigger notifies. */
  static final String CHANNEL = "airlock_request_status";

  private static final Logger log = LoggerFactory.getLogger(RequestEvents.class);

  /** Told of each watched request's state: at once, then on every change. */
  @FunctionalInterface
  interface Listener {

    /**
     * @param request the request as it is now
     * @param changed false for the state told when the watch began
     * @throws IOException when the listener is gone: its watch ends
     */
    void told(StoredRequest request, boolean changed) throws IOException;
  }

  /** A stream's watch of some requests; it ends once all of them have ended, or when closed. */
  final class Watch implements AutoCloseable {

    private final Map<UUID, String> seen = new ConcurrentHashMap<>();
    private final Listener listener;
    private final Runnable onEnd;
    // False for a long poll's wait (whenEnded): only event streams are subscribers.
    private final boolean stream;

    private Watch(Collection<UUID> ids, Listener listener, Runnable onEnd, boolean stream) {
      ids.forEach(id -> seen.put(id, ""));
      this.listener = listener;
      this.onEnd = onEnd;
      this.stream = stream;
    }

    /** Tells the changed ones; false once the watch is over. */
    private synchronized boolean tell(Map<UUID, StoredRequest> now) {
      try {
        boolean open = false;
        for (Map.Entry<UUID, String> entry : seen.entrySet()) {
          StoredRequest request = now.get(entry.getKey());
          if (request == null) {
            continue;
          }
          String state = request.status() + request.stages();
          if (!state.equals(entry.getValue())) {
            boolean first = entry.getValue().isEmpty();
            entry.setValue(state);
            listener.told(request, !first);
          }
          open |= !RequestStatus.ended(request.status());
        }
        return open;
      } catch (IOException | RuntimeException e) {
        log.debug("An event stream is gone: {}", e.toString());
        return false;
      }
    }

    @Override
    public void close() {
      if (watches.remove(this)) {
        onEnd.run();
      }
    }
  }

  private final Requests requests;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "airlock-request-events");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean readQueued = new AtomicBoolean();
  private volatile boolean running;

  RequestEvents(Requests requests, DatabaseSignals signals, MeterRegistry registry) {
    this.requests = requests;
    signals.subscribe(CHANNEL, this::changed);
    Gauge.builder(
            "airlock.sse.subscribers",
            watches,
            open -> open.stream().filter(watch -> watch.stream).count())
        .description("Open event streams of request status")
        .register(registry);
  }

  /**
   * Watches requests the caller has already been shown to own for an event stream: their state now
   * is told at once, each change after it as it comes. {@code onEnd} runs once the watch is over
   * (all ended, the listener gone, or closed).
   */
  Watch watch(Collection<UUID> ids, Listener listener, Runnable onEnd) {
    return watch(ids, listener, onEnd, true);
  }

  private Watch watch(Collection<UUID> ids, Listener listener, Runnable onEnd, boolean stream) {
    if (!running) {
      throw new ShuttingDown();
    }
    Watch watch = new Watch(ids, listener, onEnd, stream);
    watches.add(watch);
    reader.execute(() -> tell(List.of(watch)));
    return watch;
  }

  /**
   * Runs {@code then} once the request has ended (at once if it has), on this instance's events
   * thread; close the returned watch to give up waiting.
   */
  public AutoCloseable whenEnded(UUID id, Runnable then) {
    // Once: when the request ends, or when the watch does (this instance stopping).
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once =
        () -> {
          if (ran.compareAndSet(false, true)) {
            then.run();
          }
        };
    return watch(
        List.of(id),
        (request, changed) -> {
          if (RequestStatus.ended(request.status())) {
            once.run();
          }
        },
        once,
        false);
  }

  /** No new stream while this instance stops: the client tries another, or again. */
  static class ShuttingDown extends ErrorResponseException {
    ShuttingDown() {
      super(
          HttpStatus.SERVICE_UNAVAILABLE,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.SERVICE_UNAVAILABLE, "This instance is stopping; try again."),
          null);
    }
  }

  private void changed() {
    if (!watches.isEmpty() && readQueued.compareAndSet(false, true)) {
      reader.execute(
          () -> {
            readQueued.set(false);
            tell(List.copyOf(watches));
          });
    }
  }

  private void tell(List<Watch> told) {
    if (told.isEmpty()) {
      return;
    }
    Set<UUID> ids = new HashSet<>();
    told.forEach(watch -> ids.addAll(watch.seen.keySet()));
    Map<UUID, StoredRequest> now = new HashMap<>();
    try {
      requests.byIds(ids).forEach(request -> now.put(request.id(), request));
    } catch (RuntimeException e) {
      // The next signal, or the streams' own timeouts, try again.
      log.warn("Reading the watched requests failed: {}", e.toString());
      return;
    }
    for (Watch watch : told) {
      if (!watch.tell(now)) {
        watch.close();
      }
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Ends every open stream, before the web server's graceful shutdown (a later phase stops first):
   * a stream whose client has gone is only noticed on its next write, and would otherwise hold the
   * shutdown up for its whole grace period.
   */
  @Override
  public void stop() {
    running = false;
    List.copyOf(watches).forEach(Watch::close);
  }

  @Override
  public void destroy() {
    reader.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
