package io.airlock.requestside.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API-wide limits per minute, on top of the users' submission quotas.
 *
 * @param anonymous calls without credentials, per client address ({@code X-Forwarded-For} counts
 *     only from the trusted proxies, see {@code server.tomcat.remoteip.internal-proxies})
 * @param authenticated calls of a signed-in user (token or API key), per user
 * @param admin calls of an admin to {@code /admin/**}, per admin
 * @param loginPerUsername sign-in attempts per username, so that guessing one account's password is
 *     slow long before password hashing takes the processors
 * @param loginPerAddress sign-in attempts per client address, whatever the usernames
 * @param redisUrl a Redis to keep the quota and limit counts in (e.g. {@code
 *     redis://redis.internal:6379}); unset, they live in this side's PostgreSQL
 */
@ConfigurationProperties("airlock.rate-limits")
record ApiLimitProperties(
    @DefaultValue("60") int anonymous,
    @DefaultValue("300") int authenticated,
    @DefaultValue("1000") int admin,
    @DefaultValue("5") int loginPerUsername,
    @DefaultValue("20") int loginPerAddress,
    String redisUrl) {}
