package io.airlock.responseside.security;

import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.User;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.monitoring.SystemLog.Level;
import io.airlock.responseside.security.ApiKeys.ApiKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Makes and revokes API keys, and logs both. */
@Service
class ApiKeyIssuer {

  static final String COMPONENT = "api-keys";
  static final String KEY_PREFIX = "alk_";
  static final int SHOWN_PREFIX_LENGTH = 12;

  private final SecureRandom random = new SecureRandom();
  private final ApiKeys keys;
  private final Directory directory;
  private final SystemLog log;

  ApiKeyIssuer(ApiKeys keys, Directory directory, SystemLog log) {
    this.keys = keys;
    this.directory = directory;
    this.log = log;
  }

  /** A key just made: the only time {@code key} is known. */
  record Issued(ApiKey apiKey, String key) {}

  /** Makes a key for {@code userId}, or for the acting admin when it is null. */
  @Transactional
  Issued issue(String name, UUID userId, String actor) {
    User owner =
        userId == null
            ? directory.user(actor).orElseThrow()
            : directory.user(userId).orElseThrow(() -> new ApiKeyOwnerUnknown(userId));
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey apiKey = keys.insert(owner.id(), name, key, key.substring(0, SHOWN_PREFIX_LENGTH));
    log.record(
        Level.INFO,
        COMPONENT,
        "api key created",
        Map.of(
            "actor", actor,
            "keyId", apiKey.id().toString(),
            "userId", owner.id().toString(),
            "username", owner.username(),
            "name", name));
    return new Issued(apiKey, key);
  }

  @Transactional
  void revoke(UUID id, String actor) {
    if (!keys.revoke(id)) {
      throw new ApiKeyNotFound(id);
    }
    log.record(
        Level.INFO, COMPONENT, "api key revoked", Map.of("actor", actor, "keyId", id.toString()));
  }
}
