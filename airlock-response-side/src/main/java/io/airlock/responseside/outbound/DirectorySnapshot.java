package io.airlock.responseside.outbound;

import java.util.UUID;

/**
 * A full directory snapshot that was sent: every exported user, profile type and setting as of one
 * directory version, in {@code partCount} directory batches.
 */
record DirectorySnapshot(UUID id, long asOfVersion, int partCount, int recordCount) {}
