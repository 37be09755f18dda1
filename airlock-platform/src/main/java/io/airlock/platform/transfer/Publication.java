package io.airlock.platform.transfer;

import java.time.Instant;
import java.util.Optional;

/**
 * What the outbound ledger knows of one published batch of this node's epoch: when it was
 * published, and when the peer acknowledged it, if it has. Exporters mark their records from these
 * facts instead of reading the ledger's tables.
 */
public record Publication(Instant publishedAt, Optional<Instant> acknowledgedAt) {}
