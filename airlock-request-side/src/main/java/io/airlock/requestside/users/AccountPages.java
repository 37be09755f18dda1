package io.airlock.requestside.users;

import io.airlock.console.ConsolePages;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.notifications.NotificationChoices;
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
 * high side until the directory echoes them, and how they hear that a request has ended. The same
 * {@link AccountSelfService} as {@code /users/me}, with the same bean validation of the profile,
 * and the same {@link NotificationChoices} as {@code /users/me/notifications} (a generated webhook
 * secret shown once, on the answer to the form, never in a URL or the session).
 */
@ConsolePages
class AccountPages {

  private final Users users;
  private final AccountSelfService selfService;
  private final NotificationChoices notifications;

  AccountPages(Users users, AccountSelfService selfService, NotificationChoices notifications) {
    this.users = users;
    this.selfService = selfService;
    this.notifications = notifications;
  }

  @GetMapping("/console/account")
  String account(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String saved,
      Model model) {
    String savedKey =
        switch (saved == null ? "" : saved) {
          case "profile" -> "account.saved";
          case "notifications" -> "account.notifications.saved";
          default -> null;
        };
    return page(caller, model, savedKey, null);
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

  @PostMapping("/console/account/notifications")
  String notifications(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(required = false) String webhookUrl,
      @RequestParam(required = false) String webhookSecret,
      Model model) {
    NotificationChoices.Chosen chosen;
    try {
      chosen =
          notifications.choose(
              caller.id(),
              caller.username(),
              users.byId(caller.id()).map(User::email).orElse(null),
              channel,
              webhookUrl,
              webhookSecret);
    } catch (InvalidField refused) {
      return page(caller, model, null, refused.field() + " " + refused.getMessage());
    }
    if (chosen.generatedSecret() != null) {
      model.addAttribute("newSecret", chosen.generatedSecret());
      return page(caller, model, "account.notifications.saved", null);
    }
    return "redirect:/console/account?saved=notifications";
  }

  @PostMapping("/console/account/notifications/secret")
  String newSecret(@AuthenticationPrincipal Caller caller, Model model) {
    try {
      model.addAttribute("newSecret", notifications.newSecret(caller.id(), caller.username()));
    } catch (InvalidField refused) {
      return page(caller, model, null, refused.field() + " " + refused.getMessage());
    }
    return page(caller, model, "account.notifications.new-secret", null);
  }

  private String page(Caller caller, Model model, String savedKey, String problem) {
    model.addAttribute("me", users.byId(caller.id()).orElseThrow());
    model.addAttribute("notifications", notifications.of(caller.id()));
    model.addAttribute("emailAvailable", notifications.emailAvailable());
    model.addAttribute("allowedWebhookUrls", notifications.allowedWebhookUrls());
    model.addAttribute("pending", selfService.pending(caller));
    model.addAttribute("savedKey", savedKey);
    model.addAttribute("problem", problem);
    return "request/account";
  }
}
