package io.airlock.responseside.directory;

import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.monitoring.SystemLog.Level;
import io.airlock.transfer.records.Limits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the directory. Every change takes the next directory version, so the exporter sends it,
 * and is written to the system log with who made it, in the same transaction.
 */
@Service
public class DirectoryAdministration {

  static final String COMPONENT = "directory";

  private final Users users;
  private final ProfileTypes profileTypes;
  private final Settings settings;
  private final DirectoryVersions versions;
  private final PasswordEncoder passwords;
  private final SystemLog log;

  DirectoryAdministration(
      Users users,
      ProfileTypes profileTypes,
      Settings settings,
      DirectoryVersions versions,
      PasswordEncoder passwords,
      SystemLog log) {
    this.users = users;
    this.profileTypes = profileTypes;
    this.settings = settings;
    this.versions = versions;
    this.passwords = passwords;
    this.log = log;
  }

  /** A user to create; the password is hashed here and never stored as given. */
  public record NewUser(
      String username,
      String email,
      String displayName,
      String role,
      String profileType,
      String password,
      boolean highSideOnly) {}

  @Transactional
  public User createUser(NewUser user, String actor) {
    long version = versions.next();
    if (users.byUsername(user.username()).isPresent()) {
      throw new UsernameTaken(user.username());
    }
    requireProfileType(user.profileType());
    Instant now = Instant.now();
    User created =
        new User(
            UUID.randomUUID(),
            user.username(),
            user.email(),
            user.displayName(),
            user.role(),
            user.profileType(),
            true,
            passwords.encode(user.password()),
            version,
            Limits.NONE,
            user.highSideOnly(),
            List.of(),
            now,
            now);
    users.insert(created);
    audit("user created", actor, created, Map.of("role", user.role()));
    return users.byId(created.id()).orElseThrow();
  }

  @Transactional
  public User updateUser(
      UUID id, String email, String displayName, String role, String profileType, String actor) {
    long version = versions.next();
    User user = users.byId(id).orElseThrow(() -> new UserNotFound(id));
    requireProfileType(profileType);
    User changed =
        new User(
            id,
            user.username(),
            email,
            displayName,
            role,
            profileType,
            user.active(),
            user.passwordHash(),
            version,
            user.limits(),
            user.highSideOnly(),
            user.echoedChangeIds(),
            user.createdAt(),
            user.updatedAt());
    return save(changed, "user updated", actor, Map.of("role", role, "profileType", profileType));
  }

  @Transactional
  public User setLimits(UUID id, Limits limits, String actor) {
    long version = versions.next();
    User user = users.byId(id).orElseThrow(() -> new UserNotFound(id));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("perMinute", limits.perMinute());
    details.put("perHour", limits.perHour());
    details.put("perDay", limits.perDay());
    return save(with(user, user.active(), limits, version), "user limits set", actor, details);
  }

  @Transactional
  public User setActive(UUID id, boolean active, String actor) {
    long version = versions.next();
    User user = users.byId(id).orElseThrow(() -> new UserNotFound(id));
    return save(
        with(user, active, user.limits(), version),
        active ? "user activated" : "user deactivated",
        actor,
        Map.of());
  }

  @Transactional
  public ProfileType createProfileType(
      String name,
      Limits limits,
      int maxPriority,
      List<String> allowedIndices,
      int maxResultSize,
      String actor) {
    long version = versions.next();
    ProfileType type =
        new ProfileType(
            name, limits, maxPriority, allowedIndices, maxResultSize, version, null, null);
    if (!profileTypes.insert(type)) {
      throw new ProfileTypeExists(name);
    }
    audit("profile type created", actor, type);
    return profileTypes.byName(name).orElseThrow();
  }

  @Transactional
  public ProfileType updateProfileType(
      String name,
      Limits limits,
      int maxPriority,
      List<String> allowedIndices,
      int maxResultSize,
      String actor) {
    long version = versions.next();
    ProfileType type =
        new ProfileType(
            name, limits, maxPriority, allowedIndices, maxResultSize, version, null, null);
    if (!profileTypes.update(type)) {
      throw new ProfileTypeNotFound(name);
    }
    audit("profile type updated", actor, type);
    return profileTypes.byName(name).orElseThrow();
  }

  @Transactional
  public Setting putSetting(String key, String value, String actor) {
    Setting setting = settings.put(key, value, versions.next());
    log.record(
        Level.INFO,
        COMPONENT,
        "setting changed",
        Map.of("actor", actor, "key", key, "value", value, "version", setting.version()));
    return setting;
  }

  private void requireProfileType(String name) {
    if (!profileTypes.exists(name)) {
      throw new UnknownProfileType(name);
    }
  }

  private User save(User user, String message, String actor, Map<String, ?> changes) {
    users.update(user);
    audit(message, actor, user, changes);
    return users.byId(user.id()).orElseThrow();
  }

  private static User with(User user, boolean active, Limits limits, long version) {
    return new User(
        user.id(),
        user.username(),
        user.email(),
        user.displayName(),
        user.role(),
        user.profileType(),
        active,
        user.passwordHash(),
        version,
        limits,
        user.highSideOnly(),
        user.echoedChangeIds(),
        user.createdAt(),
        user.updatedAt());
  }

  private void audit(String message, String actor, User user, Map<String, ?> changes) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("actor", actor);
    details.put("userId", user.id().toString());
    details.put("username", user.username());
    details.put("version", user.version());
    details.putAll(changes);
    log.record(Level.INFO, COMPONENT, message, details);
  }

  private void audit(String message, String actor, ProfileType type) {
    log.record(
        Level.INFO,
        COMPONENT,
        message,
        Map.of(
            "actor", actor,
            "profileType", type.name(),
            "version", type.version(),
            "allowedIndices", type.allowedIndices(),
            "maxPriority", type.maxPriority(),
            "maxResultSize", type.maxResultSize()));
  }
}
