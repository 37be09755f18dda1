package io.airlock.requestside.admin;

import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.ratelimit.Quotas;
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
  private final Quotas quotas;
  private final AuditLog audit;

  AdminUserController(AdminUsers users, Quotas quotas, AuditLog audit) {
    this.users = users;
    this.quotas = quotas;
    this.audit = audit;
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
    users.byId(id).orElseThrow(() -> new UserNotFound(id));
    quotas.reset(id);
    audit.record(
        admin.username(), "user.reset_rate_limit", "user:" + id, AuditLog.Outcome.SUCCESS, null);
  }
}
