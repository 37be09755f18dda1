package io.airlock.responseside.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the response side keeps its own rows; next to the platform's kinds under the same
 * prefix, run on the platform's {@code enabled} and {@code interval}. A retention of {@code 0}
 * keeps that kind for ever.
 *
 * @param audit how long the audit log of what arrived keeps an entry; a year, for yearly reviews
 * @param systemLog how long the system log keeps a line; 90 days covers a quarter's incidents
 * @param acknowledgedResults how long a query result is kept once the request side acknowledged it,
 *     and with it the incoming request it answered; a result not yet acknowledged and a request not
 *     yet answered are never removed. 30 days leaves time to look into a result the request side
 *     questions
 */
@ConfigurationProperties("airlock.retention")
public record ResponseSideRetentionProperties(
    @DefaultValue("365d") Duration audit,
    @DefaultValue("90d") Duration systemLog,
    @DefaultValue("30d") Duration acknowledgedResults) {}
