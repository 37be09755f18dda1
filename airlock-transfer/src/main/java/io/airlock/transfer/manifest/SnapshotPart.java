package io.airlock.transfer.manifest;

import java.util.UUID;

/**
 * Marks a {@code directory} batch as one part of a full directory snapshot. The receiver
 * deactivates users absent from the snapshot only once all {@code partCount} parts have arrived,
 * and only users not changed after {@code asOfVersion}.
 */
public record SnapshotPart(UUID snapshotId, long asOfVersion, int part, int partCount) {

  public SnapshotPart {
    if (partCount < 1 || part < 1 || part > partCount) {
      throw new IllegalArgumentException("part " + part + " of " + partCount);
    }
  }
}
