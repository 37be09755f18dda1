package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.apikeys.ApiKeyIssuing;
import io.airlock.requestside.apikeys.ApiKeys;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.auth.RefreshTokens;
import io.airlock.requestside.ratelimit.Quotas;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestListing;
import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.UserListing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The directory replica as an administrator sees it: every user, with their credentials' state; and
 * what an admin may do to a user on this side (the rest belongs to the response side).
 */
@Component
class AdminUsers {

  /** Which users to list; null means any. */
  record Filter(Boolean active, String role, String usernamePrefix) {}

  record UserRow(
      UUID id,
      String username,
      String email,
      @JsonProperty("display_name") String displayName,
      String role,
      @JsonProperty("profile_type") String profileType,
      boolean active,
      long version,
      @JsonProperty("synced_at") Instant syncedAt,
      @JsonProperty("last_login_at") Instant lastLoginAt) {}

  /** A user with what hangs off them on this side. */
  record UserDetail(
      @JsonProperty("user") UserRow user,
      @JsonProperty("requests") long requests,
      @JsonProperty("active_api_keys") long activeApiKeys,
      @JsonProperty("active_refresh_tokens") long activeRefreshTokens,
      @JsonProperty("pending_account_changes") long pendingAccountChanges) {}

  private final UserListing users;
  private final RequestListing requests;
  private final ApiKeys apiKeys;
  private final ApiKeyIssuing keyIssuing;
  private final RefreshTokens refreshTokens;
  private final Quotas quotas;
  private final AuditLog audit;

  AdminUsers(
      UserListing users,
      RequestListing requests,
      ApiKeys apiKeys,
      ApiKeyIssuing keyIssuing,
      RefreshTokens refreshTokens,
      Quotas quotas,
      AuditLog audit) {
    this.users = users;
    this.requests = requests;
    this.apiKeys = apiKeys;
    this.keyIssuing = keyIssuing;
    this.refreshTokens = refreshTokens;
    this.quotas = quotas;
    this.audit = audit;
  }

  /** One page of the users the filter matches, by username. */
  List<UserRow> page(Filter filter, Paging paging) {
    return users.page(listing(filter), paging.size(), paging.offset()).stream()
        .map(AdminUsers::row)
        .toList();
  }

  long count(Filter filter) {
    return users.count(listing(filter));
  }

  Optional<UserDetail> byId(UUID id) {
    return users
        .byId(id)
        .map(
            user ->
                new UserDetail(
                    row(user),
                    requests.countOf(id),
                    apiKeys.activeCountOf(id),
                    refreshTokens.activeCountOf(id),
                    users.pendingChangesOf(id)));
  }

  boolean exists(UUID id) {
    return users.byId(id).isPresent();
  }

  /** The user's API keys, revoked ones too; empty for an unknown user. */
  List<ApiKeys.Listed> keysOf(UUID id) {
    return apiKeys.of(id);
  }

  /** How each of the user's quota windows stands; empty while they have no profile type. */
  List<Quotas.Standing> quotaOf(UUID id) {
    return quotas.standing(id).orElse(List.of());
  }

  /** The share of a window's quota from which a user is warned. */
  double warnAt() {
    return quotas.warnAt();
  }

  /** Clears the user's quota counts and grace, audited; false for an unknown user. */
  boolean resetRateLimit(Caller admin, UUID id) {
    if (!exists(id)) {
      return false;
    }
    quotas.reset(id);
    audit.record(
        admin.username(), "user.reset_rate_limit", "user:" + id, AuditLog.Outcome.SUCCESS, null);
    return true;
  }

  /**
   * Revokes one of the user's keys, audited in the admin's name; false if they have no such key.
   */
  boolean revokeKey(Caller admin, UUID id, UUID keyId) {
    return keyIssuing.revoke(admin, id, keyId);
  }

  private static UserListing.Filter listing(Filter filter) {
    return new UserListing.Filter(filter.active(), filter.role(), filter.usernamePrefix());
  }

  private static UserRow row(UserListing.Row user) {
    return new UserRow(
        user.id(),
        user.username(),
        user.email(),
        user.displayName(),
        user.role(),
        user.profileType(),
        user.active(),
        user.version(),
        user.syncedAt(),
        user.lastLoginAt());
  }
}
