package io.airlock.requestside.admin;

import io.airlock.console.ConsolePages;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** This side's settings for an admin: the same {@link AdminSettings} as {@code /admin/settings}. */
@ConsolePages
class AdminSettingsPages {

  private final AdminSettings settings;

  AdminSettingsPages(AdminSettings settings) {
    this.settings = settings;
  }

  @GetMapping("/console/admin/settings")
  String settings(Model model) {
    model.addAttribute("settings", settings.now());
    return "request/admin/settings";
  }
}
