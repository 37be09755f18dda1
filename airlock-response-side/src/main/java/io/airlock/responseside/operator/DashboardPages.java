package io.airlock.responseside.operator;

import io.airlock.console.ConsolePages;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operator's dashboard: {@link OperatorDashboard}, as {@code GET /admin/dashboard} gives it.
 */
@ConsolePages
class DashboardPages {

  private final OperatorDashboard dashboard;

  DashboardPages(OperatorDashboard dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping("/console")
  String dashboard(Model model) {
    model.addAttribute("dashboard", dashboard.now());
    return "response/dashboard";
  }
}
