package io.airlock.transfer;

import java.util.Optional;

/** How a batch payload is compressed. */
public enum Compression {
  NONE("none", ".jsonl"),
  GZIP("gzip", ".jsonl.gz");

  private final String wireName;
  private final String extension;

  Compression(String wireName, String extension) {
    this.wireName = wireName;
    this.extension = extension;
  }

  public String wireName() {
    return wireName;
  }

  /** The payload file extension, including the leading dot. */
  public String extension() {
    return extension;
  }

  public static Optional<Compression> fromWireName(String name) {
    for (Compression compression : values()) {
      if (compression.wireName.equals(name)) {
        return Optional.of(compression);
      }
    }
    return Optional.empty();
  }
}
