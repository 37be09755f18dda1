package io.airlock.requestside.admin;

import io.airlock.console.ConsolePages;
import io.airlock.requestside.audit.AuditTrail;
import io.airlock.requestside.requests.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit log for an admin: filters, search, details in a drawer and a CSV export of what the
 * filters select. The same {@link AuditTrail} and {@link AuditCsv} as {@code /admin/audit-logs}.
 */
@ConsolePages
class AuditPages {

  static final int PAGE_SIZE = 50;

  private final AuditTrail trail;

  AuditPages(AuditTrail trail) {
    this.trail = trail;
  }

  /** The page's filters: {@link AuditQuery}'s, with whole days for the range. */
  record AuditForm(
      String actor,
      String action,
      String resource,
      String outcome,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      String q) {

    AuditTrail.Filter filter() {
      return new AuditQuery(actor, action, resource, outcome, Days.from(from), Days.through(to), q)
          .filter();
    }
  }

  @GetMapping("/console/admin/audit")
  String list(AuditForm form, @RequestParam(defaultValue = "0") int page, Model model) {
    AuditTrail.Filter filter = form.filter();
    Paging paging = Paging.of(Math.max(0, page), PAGE_SIZE);
    long total = trail.count(filter);
    model.addAttribute("entries", trail.page(filter, paging.size(), paging.offset()));
    model.addAttribute("outcomes", AuditTrail.OUTCOMES);
    model.addAttribute("page", paging.page());
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "request/admin/audit";
  }

  /** One entry: a page of its own, and the drawer's content (#drawer-content). */
  @GetMapping("/console/admin/audit/{id}")
  String one(@PathVariable long id, Model model) {
    model.addAttribute(
        "entry",
        trail.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return "request/admin/audit-entry";
  }

  @GetMapping("/console/admin/audit.csv")
  void csv(AuditForm form, HttpServletResponse response) throws IOException {
    AuditCsv.export(trail, form.filter(), response);
  }
}
