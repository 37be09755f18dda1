package io.airlock.transfer;

import java.util.Optional;

/**
 * A transfer channel. Each sender numbers each channel's batches 1, 2, 3… with no gaps, within its
 * {@link SenderEpoch}.
 */
public enum Channel {
  /** Low to high: new requests, cancellations, account changes. */
  REQUESTS("requests"),
  /** High to low: results and failures. */
  RESULTS("results"),
  /** High to low: users, profile types, settings and password hashes. */
  DIRECTORY("directory"),
  /** Both directions: acknowledgements and link status only; its payload holds no records. */
  CONTROL("control");

  private final String wireName;

  Channel(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in file names and manifests. */
  public String wireName() {
    return wireName;
  }

  /** The channel with this wire name, if any. */
  public static Optional<Channel> fromWireName(String name) {
    for (Channel channel : values()) {
      if (channel.wireName.equals(name)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
