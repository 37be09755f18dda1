package io.airlock.requestside.inbound;

import io.airlock.platform.database.AfterCommit;
import io.airlock.requestside.requests.RequestStatus;
import io.airlock.requestside.requests.Stages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * {@code airlock.roundtrip} by outcome (completed, failed, expired), from submission to the answer
 * being readable here, and {@code airlock.stage} by hop, from the stage times between them. The
 * hops from {@code exported} to {@code received} and from {@code result_exported} to {@code
 * result_received} cross the two sides' clocks; a hop whose times are missing or out of order is
 * left out.
 */
@Component
class RoundTripMeters {

  private record Hop(Timer timer, Function<Stages, Instant> from, Function<Stages, Instant> to) {}

  private final Map<RequestStatus, Timer> roundTrips = new EnumMap<>(RequestStatus.class);
  private final List<Hop> hops;

  RoundTripMeters(MeterRegistry registry) {
    for (RequestStatus outcome :
        List.of(RequestStatus.COMPLETED, RequestStatus.FAILED, RequestStatus.EXPIRED)) {
      roundTrips.put(
          outcome,
          Timer.builder("airlock.roundtrip")
              .description("From submission to the answer being readable on the request side")
              .tag("outcome", outcome.wireName())
              .register(registry));
    }
    this.hops =
        List.of(
            hop(registry, "export", Stages::submitted, Stages::exported),
            hop(registry, "transfer", Stages::exported, Stages::received),
            hop(registry, "queue_and_execution", Stages::received, Stages::executed),
            hop(registry, "result_export", Stages::executed, Stages::resultExported),
            hop(registry, "result_transfer", Stages::resultExported, Stages::resultReceived));
  }

  /**
   * Times a request that an answer ended with {@code outcome} (a cancelled one is not timed) once
   * the transaction applying the answer commits: a batch that rolls back is applied again later.
   */
  void answered(RequestStatus outcome, Stages stages) {
    Timer roundTrip = roundTrips.get(outcome);
    if (roundTrip == null) {
      return;
    }
    AfterCommit.run(
        () -> {
          record(roundTrip, stages.submitted(), stages.resultReceived());
          hops.forEach(
              hop -> record(hop.timer(), hop.from().apply(stages), hop.to().apply(stages)));
        });
  }

  private static void record(Timer timer, Instant from, Instant to) {
    if (from != null && to != null && !to.isBefore(from)) {
      timer.record(Duration.between(from, to));
    }
  }

  private static Hop hop(
      MeterRegistry registry,
      String stage,
      Function<Stages, Instant> from,
      Function<Stages, Instant> to) {
    Timer timer =
        Timer.builder("airlock.stage")
            .description("Time a request spends in each hop between two stages")
            .tag("stage", stage)
            .register(registry);
    return new Hop(timer, from, to);
  }
}
