package io.airlock.responseside.directory;

import io.airlock.console.ConsolePages;
import io.airlock.transfer.records.Limits;
import java.io.Serializable;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The directory's profile types and settings for operators: listed, created and changed through the
 * same {@link DirectoryAdministration} and constraints as {@code /admin/profile-types} and {@code
 * /admin/settings}, the refusals beside their fields.
 */
@ConsolePages
class ProfileTypePages {

  private final Directory directory;
  private final DirectoryAdministration administration;
  private final FormErrors forms;

  ProfileTypePages(Directory directory, DirectoryAdministration administration, FormErrors forms) {
    this.directory = directory;
    this.administration = administration;
    this.forms = forms;
  }

  /** What the page says after an action: a flash attribute, kept in the session. */
  record Flash(String key) implements Serializable {}

  /** A profile type's form as it was filled in, to show again with its errors. */
  record TypeForm(
      String name,
      String perMinute,
      String perHour,
      String perDay,
      String maxPriority,
      String allowedIndices,
      String maxResultSize) {

    static TypeForm of(ProfileType type) {
      return new TypeForm(
          type.name(),
          String.valueOf(type.limits().perMinute()),
          String.valueOf(type.limits().perHour()),
          String.valueOf(type.limits().perDay()),
          String.valueOf(type.maxPriority()),
          String.join(", ", type.allowedIndices()),
          String.valueOf(type.maxResultSize()));
    }

    /** The API's body of it; {@code errors} gets what is not even a number. */
    ProfileTypeController.ProfileTypeBody body(Map<String, String> errors) {
      Long max = FormErrors.number("max_priority", maxPriority, errors);
      Long size = FormErrors.number("max_result_size", maxResultSize, errors);
      return new ProfileTypeController.ProfileTypeBody(
          FormErrors.number("per_minute", perMinute, errors),
          FormErrors.number("per_hour", perHour, errors),
          FormErrors.number("per_day", perDay, errors),
          max == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, max)),
          allowedIndices == null
              ? List.of()
              : Arrays.stream(allowedIndices.split(","))
                  .map(String::strip)
                  .filter(index -> !index.isEmpty())
                  .toList(),
          size == null
              ? null
              : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, size)));
    }
  }

  @GetMapping("/console/directory/profile-types")
  String types(Model model) {
    return types(new TypeForm("", "", "", "", "5", "", "100"), Map.of(), model);
  }

  @PostMapping("/console/directory/profile-types")
  String create(Principal operator, TypeForm form, Model model, RedirectAttributes flash) {
    Map<String, String> errors = new LinkedHashMap<>();
    ProfileTypeController.ProfileTypeBody body = form.body(errors);
    forms
        .of(
            new ProfileTypeController.NewProfileType(
                FormErrors.given(form.name()),
                body.perMinute(),
                body.perHour(),
                body.perDay(),
                body.maxPriority(),
                body.allowedIndices(),
                body.maxResultSize()))
        .forEach(errors::putIfAbsent);
    if (errors.isEmpty()) {
      try {
        administration.createProfileType(
            form.name().strip(),
            new Limits(body.perMinute(), body.perHour(), body.perDay()),
            body.maxPriority(),
            body.allowedIndices(),
            body.maxResultSize(),
            operator.getName());
        flash.addFlashAttribute("flash", new Flash("response.types.created"));
        return "redirect:/console/directory/profile-types/" + form.name().strip();
      } catch (ProfileTypeExists exists) {
        errors.put("name", "is taken");
      }
    }
    return types(form, errors, model);
  }

  @GetMapping("/console/directory/profile-types/{name}")
  String type(@PathVariable String name, Model model) {
    return type(TypeForm.of(type(name)), Map.of(), model);
  }

  @PostMapping("/console/directory/profile-types/{name}")
  String update(
      Principal operator,
      @PathVariable String name,
      TypeForm form,
      Model model,
      RedirectAttributes flash) {
    type(name);
    TypeForm named =
        new TypeForm(
            name,
            form.perMinute(),
            form.perHour(),
            form.perDay(),
            form.maxPriority(),
            form.allowedIndices(),
            form.maxResultSize());
    Map<String, String> errors = new LinkedHashMap<>();
    ProfileTypeController.ProfileTypeBody body = named.body(errors);
    forms.of(body).forEach(errors::putIfAbsent);
    if (!errors.isEmpty()) {
      return type(named, errors, model);
    }
    administration.updateProfileType(
        name,
        new Limits(body.perMinute(), body.perHour(), body.perDay()),
        body.maxPriority(),
        body.allowedIndices(),
        body.maxResultSize(),
        operator.getName());
    flash.addFlashAttribute("flash", new Flash("response.types.saved"));
    return "redirect:/console/directory/profile-types/" + name;
  }

  @GetMapping("/console/directory/settings")
  String settings(Model model) {
    return settings("", "", Map.of(), model);
  }

  @PostMapping("/console/directory/settings")
  String put(
      Principal operator,
      @RequestParam(defaultValue = "") String key,
      @RequestParam(defaultValue = "") String value,
      Model model,
      RedirectAttributes flash) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!SettingController.KEY.matcher(key.strip()).matches()) {
      errors.put("key", "must match " + SettingController.KEY.pattern());
    }
    errors.putAll(forms.of(new SettingController.SettingBody(value)));
    if (!errors.isEmpty()) {
      return settings(key, value, errors, model);
    }
    administration.putSetting(key.strip(), value, operator.getName());
    flash.addFlashAttribute("flash", new Flash("response.settings.saved"));
    return "redirect:/console/directory/settings";
  }

  private String types(TypeForm form, Map<String, String> errors, Model model) {
    model.addAttribute("types", directory.profileTypes());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "response/profile-types";
  }

  private String type(TypeForm form, Map<String, String> errors, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "response/profile-type";
  }

  private String settings(String key, String value, Map<String, String> errors, Model model) {
    model.addAttribute("settings", directory.settings());
    model.addAttribute("key", key);
    model.addAttribute("value", value);
    model.addAttribute("errors", errors);
    return "response/settings";
  }

  private ProfileType type(String name) {
    return directory
        .profileType(name)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
