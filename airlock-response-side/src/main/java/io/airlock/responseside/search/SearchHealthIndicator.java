package io.airlock.responseside.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code search} health: UP when the cluster answers and is not red; this side's readiness
 * depends on it, since it can execute nothing without the cluster.
 */
@Component
class SearchHealthIndicator implements HealthIndicator {

  private final SearchEngine engine;

  SearchHealthIndicator(SearchEngine engine) {
    this.engine = engine;
  }

  @Override
  public Health health() {
    ClusterInfo info = engine.clusterInfo();
    if (info instanceof ClusterInfo.Unavailable unavailable) {
      return Health.down().withDetail("reason", unavailable.reason()).build();
    }
    ClusterInfo.Known known = (ClusterInfo.Known) info;
    // Yellow is normal for a one-node cluster (replicas unassigned) and still answers every query;
    // red means some data cannot be searched at all.
    Health.Builder health = "red".equals(known.status()) ? Health.down() : Health.up();
    if ("red".equals(known.status())) {
      health.withDetail("reason", "cluster status is red: some primary shards are unassigned");
    }
    return health
        .withDetail("distribution", known.distribution())
        .withDetail("version", known.version())
        .withDetail("cluster", known.clusterName())
        .withDetail("clusterStatus", known.status())
        .build();
  }
}
