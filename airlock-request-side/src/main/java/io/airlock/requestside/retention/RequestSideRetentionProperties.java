package io.airlock.requestside.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the request side keeps its own rows; next to the platform's kinds under the same prefix,
 * run on the platform's {@code enabled} and {@code interval}. A retention of {@code 0} keeps that
 * kind for ever.
 *
 * @param requests how long a request that ended (completed, failed, expired or cancelled) is kept,
 *     with its response, its cancellation and its idempotency keys, counted from the last thing
 *     that happened to it; a request still waiting for its answer is never removed. 90 days covers
 *     a quarter's questions about a result
 * @param audit how long the request side's audit log keeps an entry; a year, for yearly reviews
 * @param notifications how long a notification delivery that was sent or given up (dead) is kept,
 *     counted from then; one still being tried is never removed. 30 days leave time to look into a
 *     user's "I was never told"
 */
@ConfigurationProperties("airlock.retention")
public record RequestSideRetentionProperties(
    @DefaultValue("90d") Duration requests,
    @DefaultValue("365d") Duration audit,
    @DefaultValue("30d") Duration notifications) {}
