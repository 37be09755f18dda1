package io.airlock.transfer.records;

import java.util.List;
import java.util.Objects;

/**
 * A profile type: what a class of users may do.
 *
 * @param id the profile type's name
 * @param version monotonically increasing per profile type
 * @param limits submission limits (all windows set)
 * @param maxPriority the highest priority its users may ask for
 * @param allowedIndices the indices its users may query
 * @param maxResultSize the largest {@code size} its users may ask for
 */
public record ProfileTypeRecord(
    String id,
    long version,
    Limits limits,
    int maxPriority,
    List<String> allowedIndices,
    int maxResultSize)
    implements TransferRecord {

  public ProfileTypeRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(limits, "limits");
    allowedIndices = List.copyOf(allowedIndices);
  }

  @Override
  public RecordType type() {
    return RecordType.PROFILE_TYPE;
  }
}
