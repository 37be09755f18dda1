package io.airlock.requestside.apikeys;

import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.users.Caller;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A user's own API keys: issued with the scopes asked for (the key shown once, only its hash kept)
 * and revoked, each audited; and revoked by an admin. For the API ({@code /api-keys}, {@code
 * /admin/users}) and the console alike.
 */
@Service
public class ApiKeyIssuing {

  /** Keys look like {@code alk_<8 hex prefix>_<43 base64url chars>}: 256 random bits. */
  static final String KEY_PREFIX = "alk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new key: as stored, and the key itself, which nothing keeps. */
  record Issued(ApiKeys.Listed stored, String key) {}

  private final ApiKeys apiKeys;
  private final AuditLog audit;
  private final Clock clock;

  ApiKeyIssuing(ApiKeys apiKeys, AuditLog audit, Clock clock) {
    this.apiKeys = apiKeys;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Issues a key of the caller's.
   *
   * @throws InvalidField for a scope that does not exist
   */
  Issued issue(Caller caller, String name, List<String> scopes) {
    List<String> distinct = scopes.stream().distinct().toList();
    for (String scope : distinct) {
      if (ApiKeyScope.fromWireName(scope).isEmpty()) {
        throw new InvalidField(
            "scopes",
            "unknown scope '"
                + scope
                + "'; known: "
                + Arrays.stream(ApiKeyScope.values()).map(ApiKeyScope::wireName).toList());
      }
    }
    UUID id = UUID.randomUUID();
    byte[] prefixBytes = new byte[4];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(prefixBytes);
    RANDOM.nextBytes(secret);
    String prefix = HexFormat.of().formatHex(prefixBytes);
    String key =
        KEY_PREFIX + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    apiKeys.add(id, caller.id(), name, prefix, key, distinct);
    audit.record(
        caller.username(), "api-key.create", "api-key:" + id, AuditLog.Outcome.SUCCESS, null);
    return new Issued(apiKeys.byId(caller.id(), id).orElseThrow(), key);
  }

  /** Revokes one of the caller's keys; false if they have no such key. */
  boolean revoke(Caller caller, UUID id) {
    return revoke(caller, caller.id(), id);
  }

  /**
   * Revokes one of {@code owner}'s keys, by {@code actor} (the owner, or an admin), audited in the
   * actor's name; false if the owner has no such key.
   */
  public boolean revoke(Caller actor, UUID owner, UUID id) {
    if (!apiKeys.revoke(owner, id, clock.instant())) {
      return false;
    }
    audit.record(
        actor.username(),
        "api-key.revoke",
        "api-key:" + id,
        AuditLog.Outcome.SUCCESS,
        actor.id().equals(owner) ? null : "of user:" + owner);
    return true;
  }
}
