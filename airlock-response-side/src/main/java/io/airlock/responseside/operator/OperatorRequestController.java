package io.airlock.responseside.operator;

import io.airlock.responseside.queue.QueueListing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Requests", description = "The incoming requests: listed, one by one, and acted on")
class OperatorRequestController {

  static final int MAX_PAGE_SIZE = 200;

  private final OperatorRequests requests;

  OperatorRequestController(OperatorRequests requests) {
    this.requests = requests;
  }

  record RequestPage(List<OperatorRequests.Row> items, int page, int size, long total) {}

  record PriorityForm(@NotNull Integer priority) {}

  /** No request has that id. */
  static class RequestNotFound extends ErrorResponseException {
    RequestNotFound(UUID id) {
      super(
          HttpStatus.NOT_FOUND,
          problem(HttpStatus.NOT_FOUND, "Request not found", "No request has the id " + id + "."),
          null);
    }
  }

  /** The request has left the queue: it is running or has ended. */
  static class RequestNotQueued extends ErrorResponseException {
    RequestNotQueued(String status) {
      super(
          HttpStatus.CONFLICT,
          problem(
              HttpStatus.CONFLICT,
              "Request not queued",
              "The request is " + status + ": only a queued request can be changed."),
          null);
    }
  }

  /** The request has not failed: there is nothing to run again. */
  static class RequestNotFailed extends ErrorResponseException {
    RequestNotFailed(String status) {
      super(
          HttpStatus.CONFLICT,
          problem(
              HttpStatus.CONFLICT,
              "Request not failed",
              "The request is "
                  + status
                  + ": only a request that failed after passing its checks can be run again."),
          null);
    }
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  @GetMapping("/admin/requests")
  @Operation(summary = "The incoming requests, newest first unless sorted otherwise")
  RequestPage list(
      @RequestParam(required = false) String status,
      @Parameter(description = "the user's username, exactly") @RequestParam(required = false)
          String user,
      @RequestParam(required = false) String index,
      @RequestParam(required = false) Integer priority,
      @Parameter(description = "received at or after (ISO-8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "received before (ISO-8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @Parameter(description = "a request id or a trace id") @RequestParam(required = false)
          String q,
      @Parameter(description = "newest (the default), oldest or priority")
          @RequestParam(required = false)
          String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    Optional<QueueListing.Filter> filter =
        requests.filter(status, user, index, priority, from, to, q);
    int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
    int pageNumber = Math.max(page, 0);
    if (filter.isEmpty()) {
      return new RequestPage(List.of(), pageNumber, pageSize, 0);
    }
    return new RequestPage(
        requests.page(
            filter.get(), OperatorRequests.order(sort), pageSize, (long) pageNumber * pageSize),
        pageNumber,
        pageSize,
        requests.count(filter.get()));
  }

  @GetMapping("/admin/requests/{id}")
  @Operation(
      summary = "One request: its query, attempts, lease, timings, and its answer with a preview")
  OperatorRequests.Detail one(@PathVariable UUID id) {
    return requests.one(id).orElseThrow(() -> new RequestNotFound(id));
  }

  @PostMapping("/admin/requests/{id}/cancel")
  @Operation(summary = "Cancels a queued request; the request side is answered cancelled")
  OperatorRequests.Detail cancel(Principal operator, @PathVariable UUID id) {
    return done(id, requests.cancel(operator.getName(), id));
  }

  @PostMapping("/admin/requests/{id}/retry")
  @Operation(
      summary = "Runs a failed request afresh; its new answer goes back across the gap",
      description = "409 unless the request has failed.")
  OperatorRequests.Detail retry(Principal operator, @PathVariable UUID id) {
    return done(id, requests.retry(operator.getName(), id));
  }

  @PutMapping("/admin/requests/{id}/priority")
  @Operation(summary = "Sets a queued request's priority, within its user's profile maximum")
  OperatorRequests.Detail priority(
      Principal operator, @PathVariable UUID id, @Valid @RequestBody PriorityForm form) {
    return done(id, requests.prioritize(operator.getName(), id, form.priority()));
  }

  /** The request as the action left it, or why there was nothing to do. */
  static OperatorRequests.Detail done(UUID id, OperatorRequests.Outcome outcome) {
    if (outcome instanceof OperatorRequests.Outcome.Done done) {
      return done.request();
    }
    if (outcome instanceof OperatorRequests.Outcome.NotQueued notQueued) {
      throw new RequestNotQueued(notQueued.status());
    }
    if (outcome instanceof OperatorRequests.Outcome.NotFailed notFailed) {
      throw new RequestNotFailed(notFailed.status());
    }
    throw new RequestNotFound(id);
  }
}
