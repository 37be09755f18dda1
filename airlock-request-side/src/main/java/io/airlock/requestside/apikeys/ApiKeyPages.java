package io.airlock.requestside.apikeys;

import io.airlock.console.ConsolePages;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.users.Caller;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The user's API keys: list, create (the key shown once, on the answer to the form, never in a URL
 * or the session) and revoke; the same {@link ApiKeyIssuing} as {@code /api-keys}.
 */
@ConsolePages
class ApiKeyPages {

  private final ApiKeys apiKeys;
  private final ApiKeyIssuing issuing;

  ApiKeyPages(ApiKeys apiKeys, ApiKeyIssuing issuing) {
    this.apiKeys = apiKeys;
    this.issuing = issuing;
  }

  @GetMapping("/console/api-keys")
  String keys(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String revoked,
      Model model) {
    return page(caller, model, null, revoked != null ? "keys.revoked" : null, null);
  }

  @PostMapping("/console/api-keys")
  String create(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) List<String> scopes,
      Model model) {
    if (name.isBlank() || name.length() > 100) {
      return page(caller, model, null, null, "name must be 1 to 100 characters");
    }
    if (scopes == null || scopes.isEmpty()) {
      return page(caller, model, null, null, "scopes: choose at least one");
    }
    try {
      return page(caller, model, issuing.issue(caller, name.strip(), scopes), null, null);
    } catch (InvalidField refused) {
      return page(caller, model, null, null, refused.field() + " " + refused.getMessage());
    }
  }

  @PostMapping("/console/api-keys/{id}/revoke")
  String revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    issuing.revoke(caller, id);
    return "redirect:/console/api-keys?revoked";
  }

  private String page(
      Caller caller, Model model, ApiKeyIssuing.Issued issued, String doneKey, String problem) {
    model.addAttribute("keys", apiKeys.of(caller.id()));
    model.addAttribute(
        "scopes", Arrays.stream(ApiKeyScope.values()).map(ApiKeyScope::wireName).toList());
    model.addAttribute("issued", issued);
    model.addAttribute("doneKey", doneKey);
    model.addAttribute("problem", problem);
    return "request/api-keys";
  }
}
