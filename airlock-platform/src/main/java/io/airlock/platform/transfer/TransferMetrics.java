package io.airlock.platform.transfer;

import io.airlock.platform.metrics.Sampled;
import io.airlock.transfer.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The transfer's metrics on either side, by channel and direction: batches and records sent and
 * received with their outcome, batch sizes, import and export times, quarantines, and from the
 * ledger the open gaps, the oldest unacknowledged batch and how long each peer has been silent.
 */
public final class TransferMetrics {

  static final String SENT = "sent";
  static final String RECEIVED = "received";

  private final MeterRegistry registry;

  public TransferMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts nothing anywhere: for a transfer built without a registry (tests of the ledger). */
  public static TransferMetrics none() {
    return new TransferMetrics(new CompositeMeterRegistry());
  }

  /** A batch published for the first time. */
  void published(Channel channel, int records, long bytes) {
    batch(channel, SENT, "published");
    records(channel, SENT, "published", records);
    size(channel, SENT, records, bytes);
  }

  /** A batch published again, byte-identical. */
  void resent(Channel channel) {
    batch(channel, SENT, "resent");
  }

  /** How long sending a batch took: its allocation and its publication. */
  void exported(Channel channel, Duration took) {
    registry
        .timer("airlock.transfer.duration", "channel", name(channel), "operation", "export")
        .record(took);
  }

  /** What became of an arriving batch; {@code channel} is null when not even its name said. */
  void received(Channel channel, ImportOutcome outcome, Duration took) {
    String outcomeName;
    if (outcome instanceof ImportOutcome.Imported imported) {
      outcomeName = "imported";
      records(channel, RECEIVED, "applied", imported.applied());
      records(channel, RECEIVED, "quarantined", imported.quarantined());
      quarantined(channel, "record", imported.quarantined());
      size(
          channel, RECEIVED, imported.manifest().recordCount(), imported.manifest().payloadBytes());
    } else if (outcome instanceof ImportOutcome.Duplicate) {
      outcomeName = "duplicate";
    } else if (outcome instanceof ImportOutcome.Conflict) {
      outcomeName = "conflict";
      quarantined(channel, "batch", 1);
    } else if (outcome instanceof ImportOutcome.Rejected) {
      outcomeName = "rejected";
      quarantined(channel, "batch", 1);
    } else {
      outcomeName = "failed";
    }
    batch(channel, RECEIVED, outcomeName);
    registry
        .timer("airlock.transfer.duration", "channel", name(channel), "operation", "import")
        .record(took);
  }

  /**
   * The ledger's view of each link as gauges, read at most every few seconds whatever the number of
   * scrapes.
   *
   * @param received the channels this side receives: their open gaps and the peer's silence
   * @param sent the channels this side sends: the age of their oldest unacknowledged batch
   */
  void bindLinks(
      TransferLinks links, Collection<Channel> received, Collection<Channel> sent, Clock clock) {
    Sampled<Map<String, List<TransferLinks.Incoming>>> incoming =
        new Sampled<>(
            () ->
                links.incoming().stream()
                    .collect(Collectors.groupingBy(TransferLinks.Incoming::channel)),
            Duration.ofSeconds(5),
            Map.of());
    Sampled<Map<String, TransferLinks.Outgoing>> outgoing =
        new Sampled<>(
            () ->
                links.outgoing().stream()
                    .collect(
                        Collectors.toMap(TransferLinks.Outgoing::channel, Function.identity())),
            Duration.ofSeconds(5),
            Map.of());
    for (Channel channel : received) {
      String name = channel.wireName();
      Gauge.builder(
              "airlock.transfer.gaps.open",
              incoming,
              in ->
                  in.get().getOrDefault(name, List.of()).stream()
                      .mapToInt(link -> link.gaps().size())
                      .sum())
          .description("Sequences missing below the highest received or announced")
          .tag("channel", name)
          .strongReference(true)
          .register(registry);
      Gauge.builder(
              "airlock.transfer.peer.silence",
              incoming,
              in ->
                  in.get().getOrDefault(name, List.of()).stream()
                      .map(TransferLinks.Incoming::lastHeardAt)
                      .filter(at -> at != null)
                      .max(Instant::compareTo)
                      .map(at -> secondsSince(at, clock))
                      .orElse(Double.NaN))
          .description("Seconds since a batch of this channel last arrived (NaN: never)")
          .tag("channel", name)
          .baseUnit("seconds")
          .strongReference(true)
          .register(registry);
    }
    for (Channel channel : sent) {
      String name = channel.wireName();
      Gauge.builder(
              "airlock.transfer.unacknowledged.oldest.age",
              outgoing,
              out -> {
                TransferLinks.Outgoing link = out.get().get(name);
                return link == null || link.oldestUnacknowledgedAt() == null
                    ? 0
                    : secondsSince(link.oldestUnacknowledgedAt(), clock);
              })
          .description("Age of the oldest batch sent and not acknowledged by the peer (0: none)")
          .tag("channel", name)
          .baseUnit("seconds")
          .strongReference(true)
          .register(registry);
    }
  }

  private void batch(Channel channel, String direction, String outcome) {
    Counter.builder("airlock.transfer.batches")
        .tags("channel", name(channel), "direction", direction, "outcome", outcome)
        .register(registry)
        .increment();
  }

  private void records(Channel channel, String direction, String outcome, int count) {
    Counter.builder("airlock.transfer.records")
        .tags("channel", name(channel), "direction", direction, "outcome", outcome)
        .register(registry)
        .increment(count);
  }

  private void quarantined(Channel channel, String kind, int count) {
    Counter.builder("airlock.transfer.quarantined")
        .description("Records and whole batches set aside in quarantine, with their reason")
        .tags("channel", name(channel), "kind", kind)
        .register(registry)
        .increment(count);
  }

  private void size(Channel channel, String direction, int records, long bytes) {
    DistributionSummary.builder("airlock.transfer.batch.records")
        .tags("channel", name(channel), "direction", direction)
        .register(registry)
        .record(records);
    DistributionSummary.builder("airlock.transfer.batch.size")
        .baseUnit("bytes")
        .tags("channel", name(channel), "direction", direction)
        .register(registry)
        .record(bytes);
  }

  private static String name(Channel channel) {
    return channel == null ? "unknown" : channel.wireName();
  }

  private static double secondsSince(Instant at, Clock clock) {
    return Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
  }

  /** For a timer started before the work: the time since {@code startedNanos}. */
  static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
