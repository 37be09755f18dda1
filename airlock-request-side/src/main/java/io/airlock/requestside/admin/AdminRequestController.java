package io.airlock.requestside.admin;

import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin")
class AdminRequestController {

  static final int DEFAULT_TOP = 10;
  static final int MAX_TOP = 100;

  private final AdminRequests requests;
  private final AdminStats stats;
  private final AdminDashboard dashboard;

  AdminRequestController(AdminRequests requests, AdminStats stats, AdminDashboard dashboard) {
    this.requests = requests;
    this.stats = stats;
    this.dashboard = dashboard;
  }

  @GetMapping("/admin/dashboard")
  @Operation(
      summary =
          "The stats, requests and round trips (p50, p95) by the hour over the last day or week,"
              + " the links across the gap, and the latest requests")
  AdminDashboard.Dashboard dashboard(@RequestParam(defaultValue = "1") int days) {
    return dashboard.of(AdminDashboardPages.span(days));
  }

  @GetMapping("/admin/requests")
  @Operation(summary = "Lists every user's requests, newest first")
  AdminPage<AdminRequests.RequestRow> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String status,
      @RequestParam(name = "user_id", required = false) UUID userId,
      @RequestParam(required = false) String index,
      @Parameter(description = "submitted at or after (ISO-8601)")
          @RequestParam(name = "submitted_from", required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant submittedFrom,
      @Parameter(description = "submitted before (ISO-8601)")
          @RequestParam(name = "submitted_to", required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant submittedTo) {
    Paging paging = Paging.of(page, size);
    Filters.range("submitted_from", submittedFrom, submittedTo);
    AdminRequests.Filter filter =
        new AdminRequests.Filter(
            Filters.oneOf(
                "status",
                status,
                Arrays.stream(RequestStatus.values()).map(RequestStatus::wireName).toList()),
            userId,
            index,
            submittedFrom,
            submittedTo);
    return AdminPage.of(requests.page(filter, paging), paging, requests.count(filter));
  }

  @GetMapping("/admin/stats")
  @Operation(summary = "Requests by status, users, success and failure rates, top requesters")
  AdminStats.Stats stats(@RequestParam(required = false) Integer top) {
    int n = top == null ? DEFAULT_TOP : top;
    if (n < 1 || n > MAX_TOP) {
      throw new InvalidField("top", "must be between 1 and " + MAX_TOP);
    }
    return stats.stats(n);
  }
}
