package io.airlock.responseside.inbound;

import java.time.Instant;

/**
 * Where and when a record arrived.
 *
 * @param senderNodeId the node that sent the batch
 * @param inboundBatchId the batch's row in the inbound ledger
 * @param receivedAt when this side received it (high clock)
 */
record Arrival(String senderNodeId, Long inboundBatchId, Instant receivedAt) {}
