package io.airlock.responseside.directory;

import io.airlock.console.ConsolePages;
import io.airlock.transfer.records.Limits;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The directory's users for operators: the list, a new user, and a user's profile, limits and
 * activation. The same {@link DirectoryAdministration} as {@code /admin/users}; each form is
 * checked by the same constraints as the API's body, its errors shown beside its fields.
 */
@ConsolePages
class DirectoryPages {

  static final int PAGE_SIZE = 50;

  private final Directory directory;
  private final DirectoryAdministration administration;
  private final FormErrors forms;

  DirectoryPages(Directory directory, DirectoryAdministration administration, FormErrors forms) {
    this.directory = directory;
    this.administration = administration;
    this.forms = forms;
  }

  /** What the page says after an action: a flash attribute, kept in the session. */
  record Flash(String key) implements Serializable {}

  @GetMapping("/console/directory")
  String users(@RequestParam(defaultValue = "0") int page, Model model) {
    return users(page, newUser(null, null, null, "user", null, null, false), Map.of(), model);
  }

  @PostMapping("/console/directory/users")
  String create(
      Principal operator,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(required = false) String email,
      @RequestParam(name = "display_name", required = false) String displayName,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(name = "profile_type", defaultValue = "") String profileType,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(name = "high_side_only", defaultValue = "false") boolean highSideOnly,
      Model model,
      RedirectAttributes flash) {
    UserController.CreateUser form =
        newUser(username, email, displayName, role, profileType, password, highSideOnly);
    Map<String, String> errors = forms.of(form);
    if (errors.isEmpty()
        && password.getBytes(StandardCharsets.UTF_8).length > UserController.BCRYPT_MAX_BYTES) {
      errors.put(
          "password", "must be at most " + UserController.BCRYPT_MAX_BYTES + " bytes in UTF-8");
    }
    if (errors.isEmpty()) {
      try {
        User user =
            administration.createUser(
                new DirectoryAdministration.NewUser(
                    form.username(),
                    form.email(),
                    form.displayName(),
                    form.role(),
                    form.profileType(),
                    form.password(),
                    highSideOnly),
                operator.getName());
        flash.addFlashAttribute("flash", new Flash("response.directory.created"));
        return "redirect:/console/directory/users/" + user.id();
      } catch (UsernameTaken taken) {
        errors.put("username", "is taken");
      } catch (UnknownProfileType unknown) {
        errors.put("profile_type", "names no profile type");
      }
    }
    return users(0, form, errors, model);
  }

  @GetMapping("/console/directory/users/{id}")
  String user(@PathVariable UUID id, Model model) {
    return user(user(id), Map.of(), model);
  }

  @PostMapping("/console/directory/users/{id}")
  String update(
      Principal operator,
      @PathVariable UUID id,
      @RequestParam(required = false) String email,
      @RequestParam(name = "display_name", required = false) String displayName,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(name = "profile_type", defaultValue = "") String profileType,
      Model model,
      RedirectAttributes flash) {
    User user = user(id);
    UserController.UpdateUser form =
        new UserController.UpdateUser(
            FormErrors.given(email), FormErrors.given(displayName), role, profileType);
    Map<String, String> errors = forms.of(form);
    if (errors.isEmpty()) {
      try {
        administration.updateUser(
            id,
            form.email(),
            form.displayName(),
            form.role(),
            form.profileType(),
            operator.getName());
        flash.addFlashAttribute("flash", new Flash("response.directory.saved"));
        return "redirect:/console/directory/users/" + id;
      } catch (UnknownProfileType unknown) {
        errors.put("profile_type", "names no profile type");
      }
    }
    return user(user, errors, model);
  }

  @PostMapping("/console/directory/users/{id}/limits")
  String limits(
      Principal operator,
      @PathVariable UUID id,
      @RequestParam(name = "per_minute", required = false) String perMinute,
      @RequestParam(name = "per_hour", required = false) String perHour,
      @RequestParam(name = "per_day", required = false) String perDay,
      Model model,
      RedirectAttributes flash) {
    User user = user(id);
    Map<String, String> errors = new LinkedHashMap<>();
    UserController.LimitsBody form =
        new UserController.LimitsBody(
            FormErrors.number("per_minute", perMinute, errors),
            FormErrors.number("per_hour", perHour, errors),
            FormErrors.number("per_day", perDay, errors));
    forms.of(form).forEach(errors::putIfAbsent);
    if (!errors.isEmpty()) {
      return user(user, errors, model);
    }
    administration.setLimits(
        id, new Limits(form.perMinute(), form.perHour(), form.perDay()), operator.getName());
    flash.addFlashAttribute("flash", new Flash("response.directory.limits-saved"));
    return "redirect:/console/directory/users/" + id;
  }

  @PostMapping("/console/directory/users/{id}/activate")
  String activate(Principal operator, @PathVariable UUID id, RedirectAttributes flash) {
    return active(operator, id, true, flash);
  }

  @PostMapping("/console/directory/users/{id}/deactivate")
  String deactivate(Principal operator, @PathVariable UUID id, RedirectAttributes flash) {
    return active(operator, id, false, flash);
  }

  private String active(Principal operator, UUID id, boolean active, RedirectAttributes flash) {
    user(id);
    administration.setActive(id, active, operator.getName());
    flash.addFlashAttribute(
        "flash",
        new Flash(active ? "response.directory.activated" : "response.directory.deactivated"));
    return "redirect:/console/directory/users/" + id;
  }

  private String users(
      int page, UserController.CreateUser form, Map<String, String> errors, Model model) {
    Directory.Page<User> users = directory.users(Math.max(0, page), PAGE_SIZE);
    model.addAttribute("users", users.items());
    model.addAttribute("page", users.page());
    model.addAttribute("pages", (users.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", users.total());
    model.addAttribute("profileTypes", directory.profileTypes());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "response/directory";
  }

  private String user(User user, Map<String, String> errors, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("profileTypes", directory.profileTypes());
    model.addAttribute("errors", errors);
    return "response/directory-user";
  }

  private User user(UUID id) {
    return directory.user(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static UserController.CreateUser newUser(
      String username,
      String email,
      String displayName,
      String role,
      String profileType,
      String password,
      boolean highSideOnly) {
    return new UserController.CreateUser(
        username,
        FormErrors.given(email),
        FormErrors.given(displayName),
        role,
        profileType,
        password,
        highSideOnly);
  }
}
