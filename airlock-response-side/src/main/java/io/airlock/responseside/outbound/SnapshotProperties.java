package io.airlock.responseside.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When full directory snapshots are sent on their own (an admin can always ask for one).
 *
 * @param enabled whether snapshots are taken on schedule
 * @param interval a snapshot is taken once the last complete one is this old (or there is none)
 * @param checkInterval how often that is checked; a snapshot interrupted by a crash or an
 *     unwritable outbox is taken again at the next check
 */
@ConfigurationProperties("airlock.directory.snapshot")
record SnapshotProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1d") Duration interval,
    @DefaultValue("1m") Duration checkInterval) {}
