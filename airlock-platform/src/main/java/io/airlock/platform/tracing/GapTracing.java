package io.airlock.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Traces across the gap. A request's trace context travels in its record as a W3C {@code
 * traceparent}; each side continues that trace in the spans it starts for the request (export,
 * import, queue wait, cache lookup, engine call, the answer's import), so one trace id finds the
 * request's whole life on both sides, in the spans and in the log lines written inside them.
 */
public final class GapTracing {

  private static final String TRACEPARENT = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;

  public GapTracing(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Traces nothing: for parts built without tracing (tests that build them by hand). */
  public static GapTracing none() {
    return new GapTracing(Tracer.NOOP, Propagator.NOOP);
  }

  /** The current span's context as a W3C {@code traceparent}, or null when there is none. */
  public String currentTraceparent() {
    Span span = tracer.currentSpan();
    if (span == null || span.isNoop()) {
      return null;
    }
    TraceContext context = span.context();
    return "00-"
        + context.traceId()
        + "-"
        + context.spanId()
        + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
  }

  /**
   * Starts a span continuing the trace of {@code traceparent}; when null, a child of the current
   * span, or a trace of its own where there is none.
   *
   * @param startedAt when what the span covers began, if before now (the wait in the queue)
   */
  public Span start(String name, String traceparent, Instant startedAt) {
    Span.Builder builder =
        traceparent == null
            ? tracer.spanBuilder()
            : propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get);
    builder.name(name);
    if (startedAt != null) {
      builder.startTimestamp(startedAt.toEpochMilli(), TimeUnit.MILLISECONDS);
    }
    return builder.start();
  }

  /** A span of the same trace, covering what has just ended: for work done for many at once. */
  public void record(String name, String traceparent, Instant startedAt) {
    start(name, traceparent, startedAt).end();
  }

  /**
   * As {@link #record(String, String, Instant)}, running {@code inside} (a log line about what
   * ended) with the span current, so that it carries the trace id.
   */
  public void record(String name, String traceparent, Instant startedAt, Runnable inside) {
    Span span = start(name, traceparent, startedAt);
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      inside.run();
    } finally {
      span.end();
    }
  }

  /**
   * Runs {@code work} in a span continuing {@code traceparent}: the spans it starts are its
   * children, and its log lines carry the trace id.
   */
  public <T> T inSpan(String name, String traceparent, Supplier<T> work) {
    Span span = start(name, traceparent, null);
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      return work.get();
    } catch (RuntimeException e) {
      span.error(e);
      throw e;
    } finally {
      span.end();
    }
  }

  /**
   * Runs {@code work} with {@code span} current, on whichever thread, leaving it open: for a span
   * whose work goes on in several places (started by {@link #start}, ended by its caller).
   */
  public <T> T within(Span span, Supplier<T> work) {
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      return work.get();
    }
  }

  /** Runs {@code work} in a child span of the current one (or a trace of its own). */
  public <T> T inChildSpan(String name, Supplier<T> work) {
    return inSpan(name, currentTraceparent(), work);
  }
}
