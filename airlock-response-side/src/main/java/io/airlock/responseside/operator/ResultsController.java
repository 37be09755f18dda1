package io.airlock.responseside.operator;

import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.results.ResultListing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Requests")
class ResultsController {

  static final int MAX_PAGE_SIZE = 200;
  static final List<String> OUTCOMES = List.of("completed", "failed", "expired", "cancelled");

  private final ResultListing results;

  ResultsController(ResultListing results) {
    this.results = results;
  }

  record ResultPage(List<ResultListing.Listed> items, int page, int size, long total) {}

  @GetMapping("/admin/results")
  @Operation(
      summary =
          "The answers, latest first: how each ran, its size, the batch it left in and whether"
              + " the request side acknowledged it, and a preview")
  ResultPage list(
      @Parameter(description = "completed, failed, expired or cancelled")
          @RequestParam(required = false)
          String outcome,
      @Parameter(description = "answered from the cache, or not")
          @RequestParam(name = "cache_hit", required = false)
          Boolean cacheHit,
      @Parameter(description = "acknowledged by the request side, or not yet")
          @RequestParam(required = false)
          Boolean acknowledged,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    ResultListing.Filter filter = filter(outcome, cacheHit, acknowledged);
    int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
    int pageNumber = Math.max(page, 0);
    return new ResultPage(
        results.page(filter, pageSize, (long) pageNumber * pageSize),
        pageNumber,
        pageSize,
        results.count(filter));
  }

  /**
   * @throws InvalidField for an outcome that does not exist
   */
  static ResultListing.Filter filter(String outcome, Boolean cacheHit, Boolean acknowledged) {
    String wanted = outcome == null || outcome.isBlank() ? null : outcome.strip();
    if (wanted != null && !OUTCOMES.contains(wanted)) {
      throw new InvalidField("outcome", "must be one of " + String.join(", ", OUTCOMES));
    }
    return new ResultListing.Filter(wanted, cacheHit, acknowledged);
  }
}
