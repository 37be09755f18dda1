package io.airlock.responseside.inbound;

import io.airlock.platform.database.AfterCommit;
import io.airlock.platform.tracing.GapTracing;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each request's arrival in its trace and, at DEBUG, in the log: a span {@code airlock.import}
 * continuing the trace the request brought across the gap, and one line written inside it, so that
 * the line carries the trace id (operators follow requests by setting this logger to DEBUG). Both
 * once the batch commits: a batch rolled back took nothing in, and is imported again. A request
 * that brought no trace gets its line only: a trace of its own would join nothing.
 */
@Component
class ArrivalTraces {

  private static final Logger log = LoggerFactory.getLogger(ArrivalTraces.class);
  private static final String SPAN = "airlock.import";

  private final GapTracing tracing;

  ArrivalTraces(GapTracing tracing) {
    this.tracing = tracing;
  }

  /** Collects the arrivals of one run of requests, to record when it commits. */
  Run run() {
    return new Run();
  }

  final class Run {

    private final List<Arrived> arrived = new ArrayList<>();

    private Run() {}

    /** What became of a request as it arrived: "queued", "refused (code)" and so on. */
    void arrived(String requestId, String traceparent, String outcome) {
      // Nothing to keep for a request with neither a span nor a line to come.
      if (traceparent != null || log.isDebugEnabled()) {
        arrived.add(new Arrived(requestId, traceparent, outcome));
      }
    }

    /** Records the arrivals once the transaction commits, or now outside of one. */
    void recordOnCommit() {
      if (arrived.isEmpty()) {
        return;
      }
      AfterCommit.run(this::record);
    }

    private void record() {
      for (Arrived request : arrived) {
        if (request.traceparent() == null) {
          request.writeLine();
        } else {
          tracing.inSpan(SPAN, request.traceparent(), request::writeLine);
        }
      }
    }
  }

  private record Arrived(String requestId, String traceparent, String outcome) {

    Void writeLine() {
      log.debug("Request {} arrived: {}", requestId, outcome);
      return null;
    }
  }
}
