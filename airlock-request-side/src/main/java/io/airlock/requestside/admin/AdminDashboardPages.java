package io.airlock.requestside.admin;

import io.airlock.console.Charts;
import io.airlock.console.ConsolePages;
import io.airlock.platform.web.InvalidField;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's dashboard: {@link AdminDashboard}, as {@code GET /admin/dashboard} gives it. */
@ConsolePages
class AdminDashboardPages {

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);

  private final AdminDashboard dashboard;

  AdminDashboardPages(AdminDashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** A day or a week. */
  static Duration span(int days) {
    if (days != 1 && days != 7) {
      throw new InvalidField("days", "must be 1 or 7");
    }
    return Duration.ofDays(days);
  }

  @GetMapping("/console/admin")
  String dashboard(@RequestParam(defaultValue = "1") int days, Model model) {
    AdminDashboard.Dashboard now = dashboard.of(span(days));
    Map<String, Long> byStatus = now.stats().byStatus();
    model.addAttribute("days", days);
    model.addAttribute("dashboard", now);
    model.addAttribute(
        "cards",
        List.of(
            new Card("admin.card.total", now.stats().totalRequests()),
            new Card("admin.card.pending", byStatus.get("pending")),
            new Card("admin.card.in-flight", byStatus.get("exported") + byStatus.get("cancelling")),
            new Card("admin.card.completed", byStatus.get("completed")),
            new Card("admin.card.failed", byStatus.get("failed") + byStatus.get("expired"))));
    List<String> hours =
        now.hours().stream().map(hour -> HOUR.format(hour.hour()) + " UTC").toList();
    model.addAttribute(
        "perHour",
        Charts.line(
            hours,
            Map.of("requests", now.hours().stream().map(AdminDashboard.Hour::submitted).toList())));
    Map<String, List<? extends Number>> roundTrips = new LinkedHashMap<>();
    roundTrips.put("p50 ms", now.hours().stream().map(AdminDashboard.Hour::p50Ms).toList());
    roundTrips.put("p95 ms", now.hours().stream().map(AdminDashboard.Hour::p95Ms).toList());
    model.addAttribute("roundTrips", Charts.line(hours, roundTrips));
    model.addAttribute("anyAnswer", now.hours().stream().anyMatch(hour -> hour.p50Ms() != null));
    model.addAttribute(
        "statuses",
        Charts.doughnut(List.copyOf(byStatus.keySet()), List.copyOf(byStatus.values())));
    model.addAttribute(
        "topUsers",
        Charts.bar(
            now.stats().topUsers().stream().map(AdminStats.TopUser::username).toList(),
            now.stats().topUsers().stream().map(AdminStats.TopUser::requests).toList()));
    return "request/admin/dashboard";
  }

  record Card(String labelKey, long value) {}
}
