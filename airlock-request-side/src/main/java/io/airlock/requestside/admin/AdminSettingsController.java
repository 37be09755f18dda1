package io.airlock.requestside.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin")
class AdminSettingsController {

  private final AdminSettings settings;

  AdminSettingsController(AdminSettings settings) {
    this.settings = settings;
  }

  @GetMapping("/admin/settings")
  @Operation(
      summary =
          "The profile types and settings from the response side, and this side's effective"
              + " configuration (values that may be secrets masked)")
  AdminSettings.Settings settings() {
    return settings.now();
  }
}
