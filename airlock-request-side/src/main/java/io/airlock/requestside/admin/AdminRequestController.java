package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestListing;
import io.airlock.requestside.requests.RequestNotFound;
import io.airlock.requestside.requests.RequestStatus;
import io.airlock.requestside.requests.RequestsOnBehalf;
import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
  private final RequestsOnBehalf onBehalf;

  AdminRequestController(
      AdminRequests requests,
      AdminStats stats,
      AdminDashboard dashboard,
      RequestsOnBehalf onBehalf) {
    this.requests = requests;
    this.stats = stats;
    this.dashboard = dashboard;
    this.onBehalf = onBehalf;
  }

  record Acted(UUID id, String status, @JsonProperty("retry_of") UUID retryOf) {}

  /** What the request's state does not allow. */
  static class NotNow extends ErrorResponseException {
    NotNow(String why) {
      super(
          HttpStatus.CONFLICT,
          ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Not possible: " + why + "."),
          null);
    }
  }

  @GetMapping("/admin/requests/{id}")
  @Operation(summary = "Any user's request")
  AdminRequests.RequestRow one(@PathVariable UUID id) {
    return requests.one(id).orElseThrow(() -> new RequestNotFound(id));
  }

  @PostMapping("/admin/requests/{id}/cancel")
  @Operation(summary = "Cancels any user's request, audited as the admin's act")
  Acted cancel(@AuthenticationPrincipal Caller admin, @PathVariable UUID id) {
    return acted(id, onBehalf.cancel(admin, id), null);
  }

  @PostMapping("/admin/requests/{id}/retry")
  @Operation(
      summary =
          "Submits a copy of a failed or expired request as a new request of the same user"
              + " (their rules and quotas apply), audited as the admin's act")
  ResponseEntity<Acted> retry(@AuthenticationPrincipal Caller admin, @PathVariable UUID id) {
    Acted copy = acted(id, onBehalf.retry(admin, id), id);
    return ResponseEntity.created(URI.create("/admin/requests/" + copy.id())).body(copy);
  }

  static Acted acted(UUID id, RequestsOnBehalf.Outcome outcome, UUID retryOf) {
    if (outcome instanceof RequestsOnBehalf.Outcome.Done done) {
      return new Acted(done.id(), done.status(), retryOf);
    }
    if (outcome instanceof RequestsOnBehalf.Outcome.Refused refused) {
      throw new NotNow(refused.why());
    }
    throw new RequestNotFound(id);
  }

  @GetMapping("/admin/dashboard")
  @Operation(
      summary =
          "The stats, requests and round trips (p50, p95) by the hour over the last day or week,"
              + " the links across the gap, and the latest requests")
  AdminDashboard.Dashboard dashboard(@RequestParam(defaultValue = "1") int days) {
    return dashboard.of(AdminDashboardPages.span(days));
  }

  /** The listing's order by its wire name. */
  static RequestListing.Order order(String sort) {
    return RequestListing.Order.fromWireName(sort)
        .orElseThrow(() -> new InvalidField("sort", "must be newest, oldest or priority"));
  }

  @GetMapping("/admin/requests")
  @Operation(summary = "Lists every user's requests, newest first unless sorted otherwise")
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
          Instant submittedTo,
      @Parameter(description = "newest (the default), oldest or priority (highest first)")
          @RequestParam(required = false)
          String sort) {
    Paging paging = Paging.of(page, size);
    RequestListing.Order order = order(sort);
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
    return AdminPage.of(requests.page(filter, order, paging), paging, requests.count(filter));
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
