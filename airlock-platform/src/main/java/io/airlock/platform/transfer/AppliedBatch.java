package io.airlock.platform.transfer;

import io.airlock.transfer.manifest.Manifest;
import java.time.Instant;

/**
 * The batch whose records a feature is applying, with what the ledger knows of it, so that no
 * feature reads the ledger's tables to learn it.
 *
 * @param manifest the batch's verified manifest: its sender, channel and sequence
 * @param ledgerId the id of its row in the inbound ledger, which features may keep to say which
 *     batch brought a record
 * @param receivedAt when this node received it
 */
public record AppliedBatch(Manifest manifest, long ledgerId, Instant receivedAt) {}
