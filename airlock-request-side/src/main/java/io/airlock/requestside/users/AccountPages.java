package io.airlock.requestside.users;

import io.airlock.console.ConsolePages;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The user's account: their profile and password, changed here at once and shown as waiting for the
 * high side until the directory echoes them. The same {@link AccountSelfService} as {@code
 * /users/me}, with the same bean validation of the profile.
 */
@ConsolePages
class AccountPages {

  private final Users users;
  private final AccountSelfService selfService;

  AccountPages(Users users, AccountSelfService selfService) {
    this.users = users;
    this.selfService = selfService;
  }

  @GetMapping("/console/account")
  String account(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String saved,
      Model model) {
    return page(caller, model, "profile".equals(saved) ? "account.saved" : null, null);
  }

  @PostMapping("/console/account/profile")
  String profile(
      @AuthenticationPrincipal Caller caller,
      @Valid UsersController.ProfileForm form,
      BindingResult invalid,
      Model model) {
    if (invalid.hasFieldErrors()) {
      var error = invalid.getFieldErrors().get(0);
      return page(caller, model, null, error.getField() + " " + error.getDefaultMessage());
    }
    selfService.changeProfile(caller, form.displayName().strip(), form.email());
    return "redirect:/console/account?saved=profile";
  }

  /** A new password ends every session of the user, this one too: they sign in with it. */
  @PostMapping("/console/account/password")
  String password(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(defaultValue = "") String currentPassword,
      @RequestParam(defaultValue = "") String newPassword,
      Model model) {
    try {
      selfService.changePassword(caller, currentPassword, newPassword);
    } catch (ErrorResponseException refused) {
      return page(caller, model, null, refused.getBody().getDetail());
    }
    return "redirect:/console/login?password-changed";
  }

  private String page(Caller caller, Model model, String savedKey, String problem) {
    model.addAttribute("me", users.byId(caller.id()).orElseThrow());
    model.addAttribute("pending", selfService.pending(caller));
    model.addAttribute("savedKey", savedKey);
    model.addAttribute("problem", problem);
    return "request/account";
  }
}
