package io.airlock.responseside.operator;

import io.airlock.console.ConsolePages;
import io.airlock.responseside.results.ResultListing;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The answers for operators: the same {@link ResultListing} as {@code /admin/results}. */
@ConsolePages
class ResultsPages {

  static final int PAGE_SIZE = 25;

  private final ResultListing results;

  ResultsPages(ResultListing results) {
    this.results = results;
  }

  @GetMapping("/console/results")
  String list(
      @RequestParam(required = false) String outcome,
      @RequestParam(name = "cache_hit", required = false) Boolean cacheHit,
      @RequestParam(required = false) Boolean acknowledged,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    ResultListing.Filter filter = ResultsController.filter(outcome, cacheHit, acknowledged);
    int pageNumber = Math.max(0, page);
    long total = results.count(filter);
    model.addAttribute("results", results.page(filter, PAGE_SIZE, (long) pageNumber * PAGE_SIZE));
    model.addAttribute("outcomes", ResultsController.OUTCOMES);
    model.addAttribute("page", pageNumber);
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "response/results";
  }
}
