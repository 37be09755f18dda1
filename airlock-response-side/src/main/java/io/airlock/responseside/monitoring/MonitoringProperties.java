package io.airlock.responseside.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periodic system checks written to the system log.
 *
 * @param enabled whether the checks run on their own
 * @param interval how often they run (the first run one interval after start-up)
 * @param diskWarnPercent warn when the data directory's file system is fuller than this
 * @param memoryWarnPercent warn when the JVM heap in use exceeds this share of its maximum
 * @param backlogWarn warn when more requests than this wait in the queue
 */
@ConfigurationProperties("airlock.monitoring")
record MonitoringProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5m") Duration interval,
    @DefaultValue("80") double diskWarnPercent,
    @DefaultValue("90") double memoryWarnPercent,
    @DefaultValue("1000") long backlogWarn) {}
