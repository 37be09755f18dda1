package io.airlock.requestside.admin;

import io.airlock.console.ConsolePages;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestListing;
import io.airlock.requestside.users.Caller;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The directory replica for an admin: every user, and a user's limits and usage, latest requests
 * and API keys, with a reset of their rate limits and the revocation of a key. The same {@link
 * AdminUsers} as {@code /admin/users}. What comes from the response side is shown read-only.
 */
@ConsolePages
class AdminUserPages {

  static final int PAGE_SIZE = 25;

  /** How many of a user's requests their page shows; the requests page has the rest. */
  static final int LATEST = 10;

  private final AdminUsers users;
  private final AdminRequests requests;

  AdminUserPages(AdminUsers users, AdminRequests requests) {
    this.users = users;
    this.requests = requests;
  }

  @GetMapping("/console/admin/users")
  String list(
      @RequestParam(required = false) String active,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) String username,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    AdminUsers.Filter filter =
        new AdminUsers.Filter(
            "yes".equals(active) ? Boolean.TRUE : "no".equals(active) ? Boolean.FALSE : null,
            "user".equals(role) || "admin".equals(role) ? role : null,
            Filters.given(username));
    Paging paging = Paging.of(Math.max(0, page), PAGE_SIZE);
    long total = users.count(filter);
    model.addAttribute("users", users.page(filter, paging));
    model.addAttribute("page", paging.page());
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "request/admin/users";
  }

  @GetMapping("/console/admin/users/{id}")
  String one(@PathVariable UUID id, @RequestParam(required = false) String done, Model model) {
    AdminUsers.UserDetail detail =
        users.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("detail", detail);
    model.addAttribute("user", detail.user());
    model.addAttribute("windows", users.quotaOf(id));
    model.addAttribute("warnAt", Math.round(users.warnAt() * 100));
    model.addAttribute(
        "requests",
        requests.page(
            new AdminRequests.Filter(null, id, null, null, null),
            RequestListing.Order.NEWEST,
            Paging.of(0, LATEST)));
    model.addAttribute("keys", users.keysOf(id));
    model.addAttribute(
        "doneKey",
        "reset".equals(done)
            ? "admin.users.reset.done"
            : "revoked".equals(done) ? "admin.users.revoked" : null);
    return "request/admin/user";
  }

  @PostMapping("/console/admin/users/{id}/reset-rate-limit")
  String resetRateLimit(@AuthenticationPrincipal Caller admin, @PathVariable UUID id) {
    if (!users.resetRateLimit(admin, id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return "redirect:/console/admin/users/" + id + "?done=reset";
  }

  @PostMapping("/console/admin/users/{id}/api-keys/{keyId}/revoke")
  String revokeKey(
      @AuthenticationPrincipal Caller admin, @PathVariable UUID id, @PathVariable UUID keyId) {
    if (!users.revokeKey(admin, id, keyId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return "redirect:/console/admin/users/" + id + "?done=revoked";
  }
}
