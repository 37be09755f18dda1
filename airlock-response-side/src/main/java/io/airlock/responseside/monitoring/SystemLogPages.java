package io.airlock.responseside.monitoring;

import io.airlock.console.ConsolePages;
import io.airlock.console.PrettyJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system log for operators: filters by level, component and days, a search, details with the
 * structured fields, and a CSV export of what is filtered. The same {@link SystemLogListing} as
 * {@code /admin/system-logs}.
 */
@ConsolePages
class SystemLogPages {

  static final int PAGE_SIZE = 50;

  private final SystemLogListing log;
  private final JsonMapper json;

  SystemLogPages(SystemLogListing log, JsonMapper json) {
    this.log = log;
    this.json = json;
  }

  /** The page's filters: the API's, with whole days (UTC) for the range. */
  record LogForm(
      List<String> level,
      String component,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      String q) {

    SystemLogListing.Filter filter() {
      return SystemLogController.filter(
          level,
          component,
          from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
          to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
          q);
    }
  }

  @GetMapping("/console/system-log")
  String list(LogForm form, @RequestParam(defaultValue = "0") int page, Model model) {
    SystemLogListing.Filter filter = form.filter();
    int pageNumber = Math.max(0, page);
    long total = log.count(filter);
    model.addAttribute("entries", log.page(filter, PAGE_SIZE, (long) pageNumber * PAGE_SIZE));
    model.addAttribute("levels", SystemLogListing.LEVELS);
    model.addAttribute("chosen", filter.levels());
    model.addAttribute("components", log.components());
    model.addAttribute("page", pageNumber);
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "response/system-log";
  }

  /** One entry: a page of its own, and the drawer's content (#drawer-content). */
  @GetMapping("/console/system-log/{id}")
  String one(@PathVariable long id, Model model) {
    SystemLogListing.Entry entry =
        log.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("entry", entry);
    model.addAttribute("details", PrettyJson.of(json, entry.details()));
    return "response/system-log-entry";
  }

  @GetMapping("/console/system-log.csv")
  void csv(LogForm form, HttpServletResponse response) throws IOException {
    SystemLogController.export(log, form.filter(), response);
  }
}
