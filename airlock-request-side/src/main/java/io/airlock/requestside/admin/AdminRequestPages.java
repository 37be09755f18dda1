package io.airlock.requestside.admin;

import io.airlock.console.ConsolePages;
import io.airlock.console.PrettyJson;
import io.airlock.console.SearchTerms;
import io.airlock.console.Timeline;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestListing;
import io.airlock.requestside.requests.RequestStatus;
import io.airlock.requestside.requests.RequestsOnBehalf;
import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.Users;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * All users' requests for an admin: filters, a details drawer, cancel and retry. The same {@link
 * AdminRequests} and {@link RequestsOnBehalf} as {@code /admin/requests}.
 */
@ConsolePages
class AdminRequestPages {

  static final int PAGE_SIZE = 25;

  private final AdminRequests requests;
  private final RequestsOnBehalf onBehalf;
  private final Users users;
  private final JsonMapper json;

  AdminRequestPages(
      AdminRequests requests, RequestsOnBehalf onBehalf, Users users, JsonMapper json) {
    this.requests = requests;
    this.onBehalf = onBehalf;
    this.users = users;
    this.json = json;
  }

  @GetMapping("/console/admin/requests")
  String list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String index,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    RequestListing.Order order = AdminRequestController.order(sort);
    List<AdminRequests.RequestRow> rows;
    long total;
    if (q != null && !q.isBlank()) {
      rows = SearchTerms.uuid(q).flatMap(requests::one).stream().toList();
      total = rows.size();
    } else {
      String username = Filters.given(user);
      Optional<User> owner = username == null ? Optional.empty() : users.byUsername(username);
      if (username != null && owner.isEmpty()) {
        rows = List.of();
        total = 0;
      } else {
        AdminRequests.Filter filter =
            new AdminRequests.Filter(
                RequestStatus.fromWireName(status).map(RequestStatus::wireName).orElse(null),
                owner.map(User::id).orElse(null),
                Filters.given(index),
                Days.from(from),
                Days.through(to));
        Paging paging = Paging.of(Math.max(0, page), PAGE_SIZE);
        rows = requests.page(filter, order, paging);
        total = requests.count(filter);
      }
    }
    model.addAttribute("rows", rows);
    model.addAttribute("statuses", RequestStatus.values());
    model.addAttribute("orders", RequestListing.Order.values());
    model.addAttribute("page", Math.max(0, page));
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "request/admin/requests";
  }

  /** A request's details: a page of its own, and the drawer's content (#drawer-content). */
  @GetMapping("/console/admin/requests/{id}")
  String one(
      @PathVariable UUID id,
      @RequestParam(required = false) String done,
      @RequestParam(required = false) UUID copy,
      Model model) {
    AdminRequests.RequestRow request =
        requests.one(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("request", request);
    model.addAttribute("query", PrettyJson.of(json, request.queryParams()));
    model.addAttribute("timeline", Timeline.of(request.stages().named()));
    RequestStatus status = RequestStatus.fromWireName(request.status()).orElseThrow();
    model.addAttribute("cancellable", status.cancellable());
    model.addAttribute(
        "retryable", status == RequestStatus.FAILED || status == RequestStatus.EXPIRED);
    model.addAttribute("done", "cancelled".equals(done) || "retried".equals(done) ? done : null);
    model.addAttribute("copy", copy);
    return "request/admin/request";
  }

  @PostMapping("/console/admin/requests/{id}/cancel")
  String cancel(
      @AuthenticationPrincipal Caller admin, @PathVariable UUID id, RedirectAttributes flash) {
    return after(id, onBehalf.cancel(admin, id), "cancelled", flash);
  }

  @PostMapping("/console/admin/requests/{id}/retry")
  String retry(
      @AuthenticationPrincipal Caller admin, @PathVariable UUID id, RedirectAttributes flash) {
    try {
      return after(id, onBehalf.retry(admin, id), "retried", flash);
    } catch (ErrorResponseException refused) {
      // The copy was refused as the user's own would be (their quota, their profile's rules).
      return refused(id, refused.getBody().getDetail(), flash);
    } catch (InvalidField refused) {
      return refused(id, refused.field() + " " + refused.getMessage(), flash);
    }
  }

  private String after(
      UUID id, RequestsOnBehalf.Outcome outcome, String done, RedirectAttributes flash) {
    if (outcome instanceof RequestsOnBehalf.Outcome.NotFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    if (outcome instanceof RequestsOnBehalf.Outcome.Refused refused) {
      return refused(id, refused.why(), flash);
    }
    RequestsOnBehalf.Outcome.Done acted = (RequestsOnBehalf.Outcome.Done) outcome;
    return "redirect:/console/admin/requests/"
        + id
        + "?done="
        + done
        + (acted.id().equals(id) ? "" : "&copy=" + acted.id());
  }

  /** Back to the request, saying why not: in the session, never in a link anyone could forge. */
  private static String refused(UUID id, String why, RedirectAttributes flash) {
    flash.addFlashAttribute("refused", why);
    return "redirect:/console/admin/requests/" + id;
  }
}
