package io.airlock.requestside.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How per-user quotas on {@code POST /requests} behave; the limits themselves come from the
 * directory (the user's overrides, else their profile type).
 *
 * @param warnAt the share of a window's quota from which responses carry a warning
 * @param graceShare how far past 100% a user may go, once per window, in the grace period
 * @param graceDuration how long the grace lasts from the first request past 100%
 */
@ConfigurationProperties("airlock.quotas")
record QuotaProperties(
    @DefaultValue("0.8") double warnAt,
    @DefaultValue("0.1") double graceShare,
    @DefaultValue("5m") Duration graceDuration) {}
