package io.airlock.responseside.operator;

import io.airlock.console.ConsolePages;
import io.airlock.console.PrettyJson;
import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.queue.QueueListing;
import java.io.Serializable;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incoming requests for operators: filters, a details drawer, and the actions on a queued one.
 * The same {@link OperatorRequests} as {@code /admin/requests}.
 */
@ConsolePages
class OperatorRequestPages {

  static final int PAGE_SIZE = 25;

  private final OperatorRequests requests;
  private final JsonMapper json;

  OperatorRequestPages(OperatorRequests requests, JsonMapper json) {
    this.requests = requests;
    this.json = json;
  }

  /**
   * What the page says after an action: a flash attribute, kept in the session.
   *
   * @param key the message, with {@code argument} as its {0}
   * @param refused whether the action was refused
   */
  record Flash(String key, String argument, boolean refused) implements Serializable {}

  @GetMapping("/console/requests")
  String list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String index,
      @RequestParam(required = false) Integer priority,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    QueueListing.Order order = OperatorRequests.order(sort);
    Optional<QueueListing.Filter> filter =
        requests.filter(
            status,
            user,
            index,
            priority,
            from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
            to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
            q);
    int pageNumber = Math.max(0, page);
    long total = filter.map(requests::count).orElse(0L);
    model.addAttribute(
        "rows",
        filter
            .map(f -> requests.page(f, order, PAGE_SIZE, (long) pageNumber * PAGE_SIZE))
            .orElse(List.of()));
    model.addAttribute("statuses", OperatorRequests.STATUSES);
    model.addAttribute("orders", QueueListing.Order.values());
    model.addAttribute("page", pageNumber);
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "response/requests";
  }

  /** One request: a page of its own, and the drawer's content (#drawer-content). */
  @GetMapping("/console/requests/{id}")
  String one(@PathVariable UUID id, Model model) {
    OperatorRequests.Detail detail =
        requests.one(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("detail", detail);
    model.addAttribute("r", detail.request().request());
    model.addAttribute("query", PrettyJson.of(json, detail.request().params()));
    return "response/request";
  }

  @PostMapping("/console/requests/{id}/cancel")
  String cancel(Principal operator, @PathVariable UUID id, RedirectAttributes flash) {
    return after(id, requests.cancel(operator.getName(), id), "response.requests.cancelled", flash);
  }

  @PostMapping("/console/requests/{id}/retry")
  String retry(Principal operator, @PathVariable UUID id, RedirectAttributes flash) {
    return after(id, requests.retry(operator.getName(), id), "response.requests.retried", flash);
  }

  @PostMapping("/console/requests/{id}/priority")
  String priority(
      Principal operator,
      @PathVariable UUID id,
      @RequestParam int priority,
      RedirectAttributes flash) {
    try {
      return after(
          id,
          requests.prioritize(operator.getName(), id, priority),
          "response.requests.prioritized",
          flash);
    } catch (InvalidField refused) {
      flash.addFlashAttribute(
          "flash", new Flash("response.requests.refused", refused.getLocalizedMessage(), true));
      return "redirect:/console/requests/" + id;
    }
  }

  private static String after(
      UUID id, OperatorRequests.Outcome outcome, String doneKey, RedirectAttributes flash) {
    if (outcome instanceof OperatorRequests.Outcome.NotFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    if (outcome instanceof OperatorRequests.Outcome.NotQueued notQueued) {
      flash.addFlashAttribute(
          "flash", new Flash("response.requests.not-queued", notQueued.status(), true));
    } else if (outcome instanceof OperatorRequests.Outcome.NotFailed notFailed) {
      flash.addFlashAttribute(
          "flash", new Flash("response.requests.not-failed", notFailed.status(), true));
    } else {
      flash.addFlashAttribute("flash", new Flash(doneKey, null, false));
    }
    return "redirect:/console/requests/" + id;
  }
}
