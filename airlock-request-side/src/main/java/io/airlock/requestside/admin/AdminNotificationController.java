package io.airlock.requestside.admin;

import io.airlock.requestside.notifications.NotificationDeliveries;
import io.airlock.requestside.requests.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/notifications")
@Tag(name = "Admin")
class AdminNotificationController {

  private final NotificationDeliveries deliveries;

  AdminNotificationController(NotificationDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @GetMapping
  @Operation(
      summary =
          "The deliveries telling users that their requests ended, newest first, with their"
              + " attempts and last error")
  AdminPage<NotificationDeliveries.Listed> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @Parameter(description = "pending, sent or dead; any when absent")
          @RequestParam(required = false)
          String status) {
    Paging paging = Paging.of(page, size);
    String wanted = Filters.oneOf("status", Filters.given(status), NotificationDeliveries.STATUSES);
    return AdminPage.of(
        deliveries.page(wanted, paging.size(), paging.offset()), paging, deliveries.count(wanted));
  }
}
