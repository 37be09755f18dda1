package io.airlock.responseside.directory;

import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.UserRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the directory: for admins, and for the exporter that sends it to the request side. */
@Service
public class Directory {

  private final Users users;
  private final ProfileTypes profileTypes;
  private final Settings settings;

  Directory(Users users, ProfileTypes profileTypes, Settings settings) {
    this.users = users;
    this.profileTypes = profileTypes;
    this.settings = settings;
  }

  /** One page of users, by username. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public Page<User> users(int page, int size) {
    return new Page<>(users.page((long) page * size, size), page, size, users.count());
  }

  public Optional<User> user(UUID id) {
    return users.byId(id);
  }

  public Optional<User> user(String username) {
    return users.byUsername(username);
  }

  public List<ProfileType> profileTypes() {
    return profileTypes.all();
  }

  public Optional<ProfileType> profileType(String name) {
    return profileTypes.byName(name);
  }

  public List<Setting> settings() {
    return settings.all();
  }

  /**
   * Everything the request side must hear about that changed after {@code version}. One snapshot
   * for all three tables, so {@code asOf} matches what was read; high-side-only accounts are left
   * out but still move {@code asOf}, so they are not read again.
   */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public DirectoryChanges changedSince(long version) {
    List<UserRecord> changedUsers =
        users.exportedChangedSince(version).stream().map(Directory::record).toList();
    List<ProfileTypeRecord> changedTypes =
        profileTypes.changedSince(version).stream().map(Directory::record).toList();
    List<SettingRecord> changedSettings =
        settings.changedSince(version).stream().map(Directory::record).toList();
    long asOf =
        Math.max(
            version,
            Math.max(
                users.highestVersion(),
                Math.max(profileTypes.highestVersion(), settings.highestVersion())));
    return new DirectoryChanges(version, asOf, changedUsers, changedTypes, changedSettings);
  }

  static UserRecord record(User user) {
    return new UserRecord(
        user.id().toString(),
        user.username(),
        user.email(),
        user.displayName(),
        user.role(),
        user.profileType(),
        user.active(),
        user.passwordHash(),
        user.version(),
        user.limits(),
        user.echoedChangeIds(),
        user.updatedAt());
  }

  static ProfileTypeRecord record(ProfileType type) {
    return new ProfileTypeRecord(
        type.name(),
        type.version(),
        type.limits(),
        type.maxPriority(),
        type.allowedIndices(),
        type.maxResultSize());
  }

  static SettingRecord record(Setting setting) {
    return new SettingRecord(setting.key(), setting.value(), setting.version());
  }

  /** A page of a longer list. */
  public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
      items = List.copyOf(items);
    }
  }
}
