package io.airlock.requestside.admin;

import io.airlock.console.ConsolePages;
import io.airlock.requestside.notifications.NotificationDeliveries;
import io.airlock.requestside.requests.Paging;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The deliveries telling users that their requests ended, for an admin: by status, with their last
 * error. The same {@link NotificationDeliveries} as {@code /admin/notifications}.
 */
@ConsolePages
class AdminNotificationPages {

  static final int PAGE_SIZE = 50;

  private final NotificationDeliveries deliveries;

  AdminNotificationPages(NotificationDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @GetMapping("/console/admin/notifications")
  String list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    String wanted = Filters.oneOf("status", Filters.given(status), NotificationDeliveries.STATUSES);
    Paging paging = Paging.of(Math.max(0, page), PAGE_SIZE);
    long total = deliveries.count(wanted);
    model.addAttribute("deliveries", deliveries.page(wanted, paging.size(), paging.offset()));
    model.addAttribute("statuses", NotificationDeliveries.STATUSES);
    model.addAttribute("page", paging.page());
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "request/admin/notifications";
  }
}
