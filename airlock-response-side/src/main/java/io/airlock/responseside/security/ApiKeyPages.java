package io.airlock.responseside.security;

import io.airlock.console.ConsolePages;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operators' API keys: listed, made for the signed-in operator (the key shown once, on the
 * answer to the form, never in a URL or the session) and revoked. The same {@link ApiKeyIssuer} as
 * {@code /admin/api-keys}.
 */
@ConsolePages
class ApiKeyPages {

  private final ApiKeyIssuer issuer;
  private final ApiKeys keys;

  ApiKeyPages(ApiKeyIssuer issuer, ApiKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  @GetMapping("/console/api-keys")
  String keys(@RequestParam(required = false) String revoked, Model model) {
    return page(model, null, revoked != null ? "response.keys.revoked" : null, null);
  }

  @PostMapping("/console/api-keys")
  String create(Principal operator, @RequestParam(defaultValue = "") String name, Model model) {
    if (name.isBlank() || name.length() > 100) {
      return page(model, null, null, "name must be 1 to 100 characters");
    }
    return page(model, issuer.issue(name.strip(), null, operator.getName()).key(), null, null);
  }

  @PostMapping("/console/api-keys/{id}/revoke")
  String revoke(Principal operator, @PathVariable UUID id) {
    try {
      issuer.revoke(id, operator.getName());
    } catch (ApiKeyNotFound unknown) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return "redirect:/console/api-keys?revoked";
  }

  private String page(Model model, String issued, String doneKey, String problem) {
    model.addAttribute("keys", keys.all());
    model.addAttribute("issued", issued);
    model.addAttribute("doneKey", doneKey);
    model.addAttribute("problem", problem);
    return "response/api-keys";
  }
}
