package io.airlock.requestside.admin;

import io.airlock.requestside.apikeys.ApiKeyNotFound;
import io.airlock.requestside.apikeys.ApiKeys;
import io.airlock.requestside.ratelimit.QuotaView;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/users")
@Tag(name = "Admin", description = "For administrators only: users, requests, transfers, audit")
class AdminUserController {

  private final AdminUsers users;

  AdminUserController(AdminUsers users) {
    this.users = users;
  }

  static class UserNotFound extends ErrorResponseException {
    UserNotFound(UUID id) {
      super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No user has the id " + id + ".");
      problem.setTitle("User not found");
      return problem;
    }
  }

  @GetMapping
  @Operation(summary = "Lists users by username, filtered by activity, role and username prefix")
  AdminPage<AdminUsers.UserRow> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) Boolean active,
      @RequestParam(required = false) String role,
      @RequestParam(name = "username", required = false) String usernamePrefix) {
    Paging paging = Paging.of(page, size);
    AdminUsers.Filter filter =
        new AdminUsers.Filter(
            active, Filters.oneOf("role", role, List.of("user", "admin")), usernamePrefix);
    return AdminPage.of(users.page(filter, paging), paging, users.count(filter));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One user, with counts of their requests and live credentials")
  AdminUsers.UserDetail one(@PathVariable UUID id) {
    return users.byId(id).orElseThrow(() -> new UserNotFound(id));
  }

  @PostMapping("/{id}/reset-rate-limit")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Clears the user's quota counts and grace in every window")
  void resetRateLimit(@AuthenticationPrincipal Caller admin, @PathVariable UUID id) {
    if (!users.resetRateLimit(admin, id)) {
      throw new UserNotFound(id);
    }
  }

  @GetMapping("/{id}/quota")
  @Operation(summary = "How each of the user's quota windows stands now, as GET /users/me/quota")
  QuotaView quota(@PathVariable UUID id) {
    if (!users.exists(id)) {
      throw new UserNotFound(id);
    }
    return QuotaView.of(users.warnAt(), users.quotaOf(id));
  }

  @GetMapping("/{id}/api-keys")
  @Operation(summary = "The user's API keys, revoked ones too (never the keys themselves)")
  List<ApiKeys.Listed> apiKeys(@PathVariable UUID id) {
    if (!users.exists(id)) {
      throw new UserNotFound(id);
    }
    return users.keysOf(id);
  }

  @DeleteMapping("/{id}/api-keys/{keyId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revokes one of the user's API keys, audited in the admin's name")
  void revokeApiKey(
      @AuthenticationPrincipal Caller admin, @PathVariable UUID id, @PathVariable UUID keyId) {
    if (!users.revokeKey(admin, id, keyId)) {
      throw new ApiKeyNotFound(keyId);
    }
  }
}
