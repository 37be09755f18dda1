package io.airlock.transfer.shuttle;

/** What the shuttle has done so far. */
public record ShuttleStats(
    long delivered, long dropped, long duplicated, long delayed, long truncated, long corrupted) {}
