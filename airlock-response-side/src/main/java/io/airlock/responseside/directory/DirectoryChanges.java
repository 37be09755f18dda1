package io.airlock.responseside.directory;

import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.UserRecord;
import java.util.List;

/**
 * What changed in the directory after {@code since}, as the records the directory channel carries,
 * each list in version order.
 *
 * @param since the version the caller had already seen
 * @param asOf the highest version committed when the changes were read, including changes that are
 *     never exported: the caller's next {@code since}
 */
public record DirectoryChanges(
    long since,
    long asOf,
    List<UserRecord> users,
    List<ProfileTypeRecord> profileTypes,
    List<SettingRecord> settings) {

  public DirectoryChanges {
    users = List.copyOf(users);
    profileTypes = List.copyOf(profileTypes);
    settings = List.copyOf(settings);
  }

  public boolean isEmpty() {
    return users.isEmpty() && profileTypes.isEmpty() && settings.isEmpty();
  }
}
