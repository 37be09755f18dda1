package io.airlock.transfer;

import java.util.Objects;

/**
 * Who sent a batch: the sender's node id and its epoch. A side starts a new epoch whenever its
 * database is new, so a rebuilt side restarting its sequences at 1 is never mistaken for a replay.
 *
 * @param nodeId the sender's configured node id, e.g. {@code request}
 * @param epoch an opaque token chosen when the sender's database was created
 */
public record SenderEpoch(String nodeId, String epoch) {

  public SenderEpoch {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(epoch, "epoch");
    if (nodeId.isBlank() || epoch.isBlank()) {
      throw new IllegalArgumentException("node id and epoch must not be blank");
    }
  }
}
