package io.airlock.requestside.maintenance;

import io.airlock.console.ConsolePages;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The maintenance message on every console page (the layout shows {@code consoleBanner} when it is
 * set), so that users learn of it before they fill in the ask form.
 */
@ControllerAdvice(annotations = ConsolePages.class)
class MaintenanceBanner {

  private final Maintenance maintenance;

  MaintenanceBanner(Maintenance maintenance) {
    this.maintenance = maintenance;
  }

  @ModelAttribute("consoleBanner")
  String banner() {
    return maintenance.now().message();
  }
}
