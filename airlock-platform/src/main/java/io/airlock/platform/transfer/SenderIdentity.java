package io.airlock.platform.transfer;

/**
 * This node as a sender of batches. The epoch is created by the database migration, so a new
 * database is a new epoch and a rebuilt node is never mistaken for a replay of the old one.
 *
 * @param nodeId the configured {@code airlock.node-id}
 * @param epoch the epoch stored in {@code sender_identity}
 */
public record SenderIdentity(String nodeId, String epoch) {}
