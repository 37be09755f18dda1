package io.airlock.responseside.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.transfer.TransferLinks;
import io.airlock.responseside.cache.CacheStats;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.execution.ExecutorStatus;
import io.airlock.responseside.monitoring.SystemLogListing;
import io.airlock.responseside.queue.QueueListing;
import io.airlock.responseside.queue.QueueStatistics;
import io.airlock.responseside.search.ClusterInfo;
import io.airlock.responseside.search.SearchEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What an operator watches at a glance: the queue, the workers, the engine, the cache, the latest
 * requests, and what needs a look (the system log's warnings and errors of the last day, and links
 * whose peer has gone silent). For {@code GET /admin/dashboard} and the console's dashboard.
 */
@Service
public class OperatorDashboard {

  /** How many of the latest requests the dashboard lists. */
  static final int LATEST = 10;

  /** How far back the alerts go. */
  static final Duration ALERTS_SINCE = Duration.ofHours(24);

  static final int MOST_ALERTS = 50;

  /**
   * How long a peer may stay silent on a channel: while the link is up, it sends at least a control
   * batch every minute ({@code airlock.transfer.link.ack-interval}).
   */
  static final Duration SILENCE = Duration.ofMinutes(10);

  /**
   * @param engine the search cluster as it describes itself, or why it could not be asked
   */
  public record Dashboard(
      QueueStatistics.QueueStats queue,
      ExecutorStatus.WorkerStats workers,
      Engine engine,
      CacheStats cache,
      List<OperatorRequests.Row> latest,
      List<SystemLogListing.Entry> alerts,
      @JsonProperty("silent_links") List<SilentLink> silentLinks) {}

  /**
   * @param reason why the cluster could not be asked, when it could not
   */
  public record Engine(
      boolean available, String distribution, String version, String status, String reason) {}

  /** A channel whose peer has not been heard from for longer than {@link #SILENCE}. */
  public record SilentLink(
      String channel, String peer, @JsonProperty("last_heard_at") Instant lastHeardAt) {}

  private final QueueStatistics queue;
  private final ExecutorStatus workers;
  private final SearchEngine engine;
  private final ResultCache cache;
  private final OperatorRequests requests;
  private final SystemLogListing log;
  private final TransferLinks links;
  private final Clock clock;

  OperatorDashboard(
      QueueStatistics queue,
      ExecutorStatus workers,
      SearchEngine engine,
      ResultCache cache,
      OperatorRequests requests,
      SystemLogListing log,
      TransferLinks links,
      Clock clock) {
    this.queue = queue;
    this.workers = workers;
    this.engine = engine;
    this.cache = cache;
    this.requests = requests;
    this.log = log;
    this.links = links;
    this.clock = clock;
  }

  public Dashboard now() {
    Instant now = clock.instant();
    return new Dashboard(
        queue.current(),
        workers.current(),
        engine(),
        cache.stats(),
        requests.page(QueueListing.Filter.none(), QueueListing.Order.NEWEST, LATEST, 0),
        log.alerts(now.minus(ALERTS_SINCE), MOST_ALERTS),
        links.incoming().stream()
            .filter(in -> in.lastHeardAt() == null || in.lastHeardAt().isBefore(now.minus(SILENCE)))
            .map(in -> new SilentLink(in.channel(), in.peer().nodeId(), in.lastHeardAt()))
            .toList());
  }

  private Engine engine() {
    ClusterInfo info = engine.clusterInfo();
    if (info instanceof ClusterInfo.Known known) {
      return new Engine(true, known.distribution(), known.version(), known.status(), null);
    }
    return new Engine(false, null, null, null, ((ClusterInfo.Unavailable) info).reason());
  }
}
