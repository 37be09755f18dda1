package io.airlock.platform.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long what both sides share is kept (the transfer ledger and the inbox's files), and how often
 * the retention job runs; the sides' own tables are meant to join under this prefix. A retention of
 * {@code 0} keeps that kind for ever.
 *
 * @param enabled whether the retention jobs run on their own; off, only when called (tests)
 * @param interval how often each retention job runs; it deletes in small batches, so a run that
 *     finds much to delete takes longer rather than holding long locks
 * @param ledger how long the transfer ledger keeps a sent batch's row, counted from its
 *     acknowledgement (and only once the link's own pruning is done with it), and an arrived
 *     batch's row, counted from its arrival (and only once no row points at it, never the newest of
 *     its sender's channel); 90 days covers a quarter's audit questions about what crossed the gap.
 *     The watermarks, which alone say what was applied, stay
 * @param inboxArchive how long the files of an applied batch stay in {@code inbox/archive/}; 30
 *     days, far beyond the link's own retention, so a batch can be examined or fed to a rebuilt
 *     peer long after it was applied
 * @param inboxFailed how long a refused or conflicting batch stays in {@code inbox/failed/}, kept
 *     longest since it was never applied and an operator may not yet have looked at it; each file
 *     removed is reported in the log
 */
@ConfigurationProperties("airlock.retention")
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1h") Duration interval,
    @DefaultValue("90d") Duration ledger,
    @DefaultValue("30d") Duration inboxArchive,
    @DefaultValue("180d") Duration inboxFailed) {

  /** Whether {@code retention} says to keep for ever. */
  public static boolean keptForever(Duration retention) {
    return retention == null || retention.isZero() || retention.isNegative();
  }
}
