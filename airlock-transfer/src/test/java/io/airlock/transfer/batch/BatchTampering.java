package io.airlock.transfer.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ways a medium can damage a published batch, applied to the files in a folder. */
enum BatchTampering {
  FLIP_PAYLOAD_BIT,
  FLIP_MANIFEST_BIT,
  TRUNCATE_PAYLOAD,
  TRUNCATE_MANIFEST,
  DELETE_PAYLOAD,
  DELETE_MANIFEST,
  SWAP_PAYLOADS;

  /**
   * Damages {@code batch} in place; {@code other} is a second, different batch in the same folder
   * (used by {@link #SWAP_PAYLOADS}); {@code position} picks the byte or cut point.
   */
  void apply(Path dir, EncodedBatch batch, EncodedBatch other, int position, int bit)
      throws IOException {
    Path payload = dir.resolve(batch.payloadFileName());
    Path manifest = dir.resolve(batch.manifestFileName());
    switch (this) {
      case FLIP_PAYLOAD_BIT -> flip(payload, position, bit);
      case FLIP_MANIFEST_BIT -> flip(manifest, position, bit);
      case TRUNCATE_PAYLOAD -> truncate(payload, position);
      case TRUNCATE_MANIFEST -> truncate(manifest, position);
      case DELETE_PAYLOAD -> Files.delete(payload);
      case DELETE_MANIFEST -> Files.delete(manifest);
      case SWAP_PAYLOADS -> {
        Path otherPayload = dir.resolve(other.payloadFileName());
        byte[] mine = Files.readAllBytes(payload);
        Files.write(payload, Files.readAllBytes(otherPayload));
        Files.write(otherPayload, mine);
      }
    }
  }

  /** Whether this damage is possible on a batch whose payload is empty. */
  boolean appliesToEmptyPayload() {
    return this != FLIP_PAYLOAD_BIT && this != TRUNCATE_PAYLOAD;
  }

  private static void flip(Path file, int position, int bit) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[Math.floorMod(position, bytes.length)] ^= (byte) (1 << Math.floorMod(bit, 8));
    Files.write(file, bytes);
  }

  private static void truncate(Path file, int position) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, Math.floorMod(position, bytes.length)));
  }
}
