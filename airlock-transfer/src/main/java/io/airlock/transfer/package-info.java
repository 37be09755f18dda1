/**
 * Transfer protocol v1: the contract between the request side and the response side.
 *
 * <p>A batch is a JSON-lines payload plus a signed manifest, written atomically to an outbox and
 * read, verified and applied from an inbox on the other side of the air gap. This library has no
 * Spring dependency so that operators' tools (see {@code io.airlock.transfer.cli}) and both sides
 * share exactly one implementation of the format. Subpackages:
 *
 * <ul>
 *   <li>{@code records} – the sealed hierarchy of record types and their wire codec;
 *   <li>{@code manifest} – the manifest, its canonical bytes and the acknowledgement block;
 *   <li>{@code signing} – Ed25519 keys, PEM files, signers and trusted-key verification;
 *   <li>{@code batch} – writing (atomic publish, archive for retransmission) and reading (streaming
 *       verification with receiver limits);
 *   <li>{@code sequence} – per-channel watermarks, gap detection, duplicate and conflict detection;
 *   <li>{@code shuttle} – the built-in stand-in for the air gap, with fault injection.
 * </ul>
 */
package io.airlock.transfer;
