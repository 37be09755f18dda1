package io.airlock.responseside.operator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Statistics")
class DashboardController {

  private final OperatorDashboard dashboard;

  DashboardController(OperatorDashboard dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping("/admin/dashboard")
  @Operation(
      summary = "The operator's dashboard",
      description =
          "The queue, the workers, the engine, the cache, the latest requests, the system log's"
              + " warnings and errors of the last 24 hours, and links whose peer has gone silent.")
  OperatorDashboard.Dashboard dashboard() {
    return dashboard.now();
  }
}
