package io.airlock.responseside.directory;

import io.airlock.transfer.records.Limits;
import java.time.Instant;
import java.util.List;

/** What a class of users may do; every window of {@code limits} is set. */
public record ProfileType(
    String name,
    Limits limits,
    int maxPriority,
    List<String> allowedIndices,
    int maxResultSize,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public ProfileType {
    allowedIndices = List.copyOf(allowedIndices);
  }
}
