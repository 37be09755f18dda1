package io.airlock.responseside.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.transfer.TransferLinks;
import io.airlock.responseside.cache.CacheStats;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.User;
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
import java.util.UUID;
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
      List<Latest> latest,
      List<SystemLogListing.Entry> alerts,
      @JsonProperty("silent_links") List<SilentLink> silentLinks) {}

  /**
   * @param reason why the cluster could not be asked, when it could not
   */
  public record Engine(
      boolean available, String distribution, String version, String status, String reason) {}

  /** One of the latest requests, with its user's name. */
  public record Latest(QueueListing.Listed request, String username) {}

  /** A channel whose peer has not been heard from for longer than {@link #SILENCE}. */
  public record SilentLink(
      String channel, String peer, @JsonProperty("last_heard_at") Instant lastHeardAt) {}

  private final QueueStatistics queue;
  private final ExecutorStatus workers;
  private final SearchEngine engine;
  private final ResultCache cache;
  private final QueueListing requests;
  private final Directory directory;
  private final SystemLogListing log;
  private final TransferLinks links;
  private final Clock clock;

  OperatorDashboard(
      QueueStatistics queue,
      ExecutorStatus workers,
      SearchEngine engine,
      ResultCache cache,
      QueueListing requests,
      Directory directory,
      SystemLogListing log,
      TransferLinks links,
      Clock clock) {
    this.queue = queue;
    this.workers = workers;
    this.engine = engine;
    this.cache = cache;
    this.requests = requests;
    this.directory = directory;
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
        requests.latest(LATEST).stream()
            .map(request -> new Latest(request, username(request.userId())))
            .toList(),
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

  private String username(UUID userId) {
    return userId == null ? null : directory.user(userId).map(User::username).orElse(null);
  }
}
