package io.airlock.transfer.records;

import io.airlock.transfer.Channel;
import java.util.Optional;

/** The wire types of records and the channel each may travel on. */
public enum RecordType {
  REQUEST("request", Channel.REQUESTS),
  CANCEL("cancel", Channel.REQUESTS),
  ACCOUNT_CHANGE("account_change", Channel.REQUESTS),
  RESULT("result", Channel.RESULTS),
  FAILURE("failure", Channel.RESULTS),
  USER("user", Channel.DIRECTORY),
  PROFILE_TYPE("profile_type", Channel.DIRECTORY),
  SETTING("setting", Channel.DIRECTORY);

  private final String wireName;
  private final Channel channel;

  RecordType(String wireName, Channel channel) {
    this.wireName = wireName;
    this.channel = channel;
  }

  /** The value of the {@code type} field. */
  public String wireName() {
    return wireName;
  }

  /** The only channel on which this type is valid. */
  public Channel channel() {
    return channel;
  }

  public static Optional<RecordType> fromWireName(String name) {
    for (RecordType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
