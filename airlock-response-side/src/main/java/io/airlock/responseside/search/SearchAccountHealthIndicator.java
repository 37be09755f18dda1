package io.airlock.responseside.search;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code searchAccount} health: what the last check of the engine account found. Always UP, as
 * the side works either way; an account that reads indices outside the allowed ones is a {@code
 * warning}, with the names in {@code readableOutsideAllowList}. Not part of readiness.
 */
@Component
class SearchAccountHealthIndicator implements HealthIndicator {

  private final SearchAccountCheck check;

  SearchAccountHealthIndicator(SearchAccountCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    Optional<SearchAccountCheck.Checked> latest = check.latest();
    if (latest.isEmpty()) {
      return Health.up().withDetail("check", "not finished yet").build();
    }
    AccountCheck outcome = latest.get().outcome();
    Health.Builder health =
        Health.up()
            .withDetail("check", outcome.summary())
            .withDetail("checkedAt", latest.get().at());
    if (outcome instanceof AccountCheck.Confined confined) {
      health.withDetail("user", confined.user()).withDetail("roles", confined.roles());
    } else if (outcome instanceof AccountCheck.Unverifiable unverifiable) {
      health
          .withDetail("user", unverifiable.user())
          .withDetail("roles", unverifiable.roles())
          .withDetail("verified", false);
    } else if (outcome instanceof AccountCheck.Overreaching overreaching) {
      health
          .withDetail("user", overreaching.user())
          .withDetail("roles", overreaching.roles())
          .withDetail("warning", overreaching.summary())
          .withDetail("readableOutsideAllowList", overreaching.indices());
    }
    return health.build();
  }
}
