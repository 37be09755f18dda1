package io.airlock.platform.transfer;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.web.InvalidField;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.BatchName;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps this node's side of the link whole (DESIGN §2 "Acks and retransmission"): re-sends what the
 * peer reports missing and what stays unacknowledged past the retransmit timeout, sends a {@code
 * control} batch when it has sent nothing for the ack interval, and prunes acknowledged batches
 * once the retention has passed. One instance at a time does this (a singleton job).
 */
public final class LinkMaintenance {

  private static final Logger log = LoggerFactory.getLogger(LinkMaintenance.class);
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);
  private static final int RESEND_PER_RUN = 200;
  private static final String JOB = "transfer-link";
  private static final Duration OPERATOR_PATIENCE = Duration.ofSeconds(5);

  /** What one run did. */
  public record Run(int resent, boolean controlSent, int pruned) {}

  /** What a re-send of a range did with each sequence in it. */
  public record RangeResent(List<Long> resent, List<Long> pruned, List<Long> unknown) {}

  private final JdbcClient jdbc;
  private final OutboundBatches outbound;
  private final InboundBatches inbound;
  private final SingletonJobs jobs;
  private final LinkProperties properties;
  private final Clock clock;
  private boolean failing;

  LinkMaintenance(
      JdbcClient jdbc,
      OutboundBatches outbound,
      InboundBatches inbound,
      SingletonJobs jobs,
      LinkProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.outbound = outbound;
    this.inbound = inbound;
    this.jobs = jobs;
    this.properties = properties;
    this.clock = clock;
  }

  /** Most sequences one operator's re-send covers. */
  public static final int MAX_RANGE = 1000;

  /** One run now, unless another instance is running it; empty then. */
  public synchronized Optional<Run> runNow() throws IOException {
    return jobs.runExclusively(JOB, LOCK_AT_MOST, this::maintain);
  }

  /** Another instance keeps the link's job running longer than an operator's call waits. */
  public static final class LinkBusy extends RuntimeException {
    LinkBusy() {
      super("another instance is re-sending or pruning batches right now; try again shortly");
    }
  }

  /**
   * {@link #resend(Channel, long, long)} for an operator's form or call: the channel by its wire
   * name, {@code to} absent for {@code from} alone, at most {@value #MAX_RANGE} sequences.
   *
   * @throws InvalidField naming what is wrong with the range
   * @throws LinkBusy if another instance held the job for several seconds
   */
  public RangeResent resend(String channel, long from, Long to) throws IOException {
    Channel parsed =
        Channel.fromWireName(channel == null ? "" : channel)
            .orElseThrow(
                () ->
                    new InvalidField(
                        "channel", "must be one of requests, results, directory, control"));
    long last = to == null ? from : to;
    if (from < 1 || from > BatchName.MAX_SEQUENCE) {
      throw new InvalidField("from", "sequences run from 1 to " + BatchName.MAX_SEQUENCE);
    }
    if (last > BatchName.MAX_SEQUENCE) {
      throw new InvalidField("to", "sequences run from 1 to " + BatchName.MAX_SEQUENCE);
    }
    if (last < from) {
      throw new InvalidField("to", "must not be below from");
    }
    if (last - from >= MAX_RANGE) {
      throw new InvalidField("to", "at most " + MAX_RANGE + " sequences at a time");
    }
    return resend(parsed, from, last);
  }

  /**
   * Publishes the channel's batches {@code from} to {@code to} again, byte-identical: for an
   * operator whose medium is strictly one-way, so that no ack will ever ask for them. Runs as the
   * link's job, so that no instance prunes a batch while it is being re-sent.
   *
   * @throws LinkBusy if another instance held the job for several seconds
   */
  public RangeResent resend(Channel channel, long from, long to) throws IOException {
    long giveUp = System.nanoTime() + OPERATOR_PATIENCE.toNanos();
    do {
      Optional<RangeResent> done =
          jobs.runExclusively(JOB, LOCK_AT_MOST, () -> resendRange(channel, from, to));
      if (done.isPresent()) {
        return done.get();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < giveUp);
    throw new LinkBusy();
  }

  private RangeResent resendRange(Channel channel, long from, long to) throws IOException {
    Map<OutboundBatches.Resent, List<Long>> outcomes = new EnumMap<>(OutboundBatches.Resent.class);
    for (OutboundBatches.Resent outcome : OutboundBatches.Resent.values()) {
      outcomes.put(outcome, new ArrayList<>());
    }
    for (long sequence = from; sequence <= to; sequence++) {
      outcomes.get(outbound.resend(channel, sequence)).add(sequence);
    }
    log.info("Operator re-send of {} {}..{}: {}", channel, from, to, outcomes);
    return new RangeResent(
        outcomes.get(OutboundBatches.Resent.RESENT),
        outcomes.get(OutboundBatches.Resent.PRUNED),
        outcomes.get(OutboundBatches.Resent.UNKNOWN));
  }

  private Run maintain() throws IOException {
    int resent = retransmit();
    boolean controlSent = sendControlIfIdle();
    int pruned = outbound.prune(clock.instant().minus(properties.retention()), properties.oneWay());
    return new Run(resent, controlSent, pruned);
  }

  /**
   * Re-sends what the peer reported missing since this node last sent it, once {@code
   * resend-missing-after} has passed, and what is still unacknowledged after {@code
   * retransmit-timeout}; both waits double with every copy already sent (the first up to the
   * second), so a batch the peer keeps refusing does not have the same files sent every few seconds
   * for ever. A batch is sent again on a timeout until it has gone {@code retransmit-copies} times,
   * and never on a one-way link; a control batch is never sent again, for the next one carries
   * newer acks. A batch the peer reports missing is sent again even if it acknowledged it before (a
   * peer whose database was restored from a backup), as long as {@code outbox/sent/} holds it.
   */
  private int retransmit() {
    List<Map<String, Object>> due =
        jdbc.sql(
                """
                select channel, sequence from outbound_batches b
                where sender_epoch = :epoch and pruned_at is null and channel <> 'control'
                  and ((state = 'PUBLISHED' and :timeouts and send_count < :copies
                        and last_sent_at < cast(:now as timestamptz)
                          - cast(:timeoutMs as float8) * power(2, least(send_count - 1, 7))
                            * interval '1 millisecond')
                       -- Reported missing counts even once acknowledged: a peer restored
                       -- from a backup has lost what it acknowledged since.
                       or (last_sent_at < cast(:now as timestamptz)
                              - least(cast(:missingMs as float8) * power(2, least(send_count - 1, 20)),
                                      cast(:timeoutMs as float8)) * interval '1 millisecond'
                           and exists (
                             select 1 from outbound_peer_acks a
                             where a.sender_epoch = b.sender_epoch and a.channel = b.channel
                               and b.sequence = any (a.missing)
                               and a.received_at > b.last_sent_at)))
                order by channel, sequence limit :limit""")
            .param("epoch", outbound.sender().epoch())
            .param("now", Timestamp.from(clock.instant()))
            .param("timeouts", !properties.oneWay())
            .param("copies", properties.retransmitCopies())
            .param("timeoutMs", properties.retransmitTimeout().toMillis())
            .param("missingMs", properties.resendMissingAfter().toMillis())
            .param("limit", RESEND_PER_RUN)
            .query()
            .listOfRows();
    Map<Channel, List<Long>> resent = new EnumMap<>(Channel.class);
    for (Map<String, Object> row : due) {
      Channel channel = OutboundBatches.channel((String) row.get("channel"));
      long sequence = (Long) row.get("sequence");
      try {
        outbound.resend(channel, sequence);
        resent.computeIfAbsent(channel, c -> new ArrayList<>()).add(sequence);
      } catch (IOException | RuntimeException e) {
        // One batch that cannot be sent again must not stop the others, the acks or the pruning.
        log.warn("Could not re-send {} batch {}: {}", channel, sequence, e.toString());
      }
    }
    if (!resent.isEmpty()) {
      log.info("Re-sent, reported missing or unacknowledged too long: {}", resent);
    }
    return resent.values().stream().mapToInt(List::size).sum();
  }

  private boolean sendControlIfIdle() throws IOException {
    Instant idleSince = clock.instant().minus(properties.ackInterval());
    if (outbound.lastPublishedAt().filter(last -> last.isAfter(idleSince)).isPresent()) {
      return false;
    }
    outbound.send(
        Channel.CONTROL,
        List.of(),
        Compression.NONE,
        new ManifestExtras(inbound.acks(), outbound.highestPublished(), null),
        sequence -> {});
    return true;
  }

  /**
   * One scheduled run ({@code airlock.transfer.link.check-interval}): a failure is logged once, and
   * its end once, not with every run.
   */
  void runScheduled() {
    try {
      runNow();
      if (failing) {
        log.info("Link maintenance works again");
        failing = false;
      }
    } catch (IOException | RuntimeException e) {
      // Nothing was marked sent that was not written; the next run tries again.
      if (!failing) {
        log.warn("Link maintenance failed; retrying: {}", e.toString());
        failing = true;
      }
    }
  }
}
