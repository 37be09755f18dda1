package io.airlock.platform.retention;

import java.time.Instant;

/**
 * A retention job removed what of one kind was older than the kind's retention: published once per
 * run and kind, so that each side records it in its own log (not once per row).
 *
 * @param kind what was removed, as the retention property names it ({@code inbox-failed})
 * @param removed how many rows or files
 * @param olderThan the cut-off: what was older than this went
 */
public record RetentionApplied(String kind, long removed, Instant olderThan) {}
