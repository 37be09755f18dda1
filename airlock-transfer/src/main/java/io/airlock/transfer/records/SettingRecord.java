package io.airlock.transfer.records;

import java.util.Objects;

/**
 * A global setting owned by the response side.
 *
 * @param id the setting's key
 * @param value its value, as text
 * @param version monotonically increasing per key
 */
public record SettingRecord(String id, String value, long version) implements TransferRecord {

  public SettingRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public RecordType type() {
    return RecordType.SETTING;
  }
}
