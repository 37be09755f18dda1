package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.apikeys.ApiKeys;
import io.airlock.requestside.auth.RefreshTokens;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestListing;
import io.airlock.requestside.users.UserListing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The directory replica as an administrator sees it: every user, with their credentials' state. */
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
  private final RefreshTokens refreshTokens;

  AdminUsers(
      UserListing users, RequestListing requests, ApiKeys apiKeys, RefreshTokens refreshTokens) {
    this.users = users;
    this.requests = requests;
    this.apiKeys = apiKeys;
    this.refreshTokens = refreshTokens;
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
