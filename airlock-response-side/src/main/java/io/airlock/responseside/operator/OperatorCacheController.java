package io.airlock.responseside.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.cache.ResultCache;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Cache", description = "The result cache: its entries, removals and pre-caching")
class OperatorCacheController {

  static final int MAX_PAGE_SIZE = 200;

  private final OperatorCache cache;

  OperatorCacheController(OperatorCache cache) {
    this.cache = cache;
  }

  record EntryPage(List<ResultCache.Listed> items, int page, int size, long total) {}

  record Cleared(long removed) {}

  record PrewarmForm(
      @NotBlank String index,
      @NotBlank @JsonProperty("query_type") String queryType,
      @NotNull @JsonProperty("query_params") JsonNode queryParams) {}

  /** No fresh entry has that key. */
  static class EntryNotFound extends ErrorResponseException {
    EntryNotFound(String key) {
      super(HttpStatus.NOT_FOUND, problem(key), null);
    }

    private static ProblemDetail problem(String key) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No cache entry " + key + ".");
      problem.setTitle("Cache entry not found");
      return problem;
    }
  }

  @GetMapping("/admin/cache/entries")
  @Operation(summary = "The fresh entries, most hit first unless sorted otherwise")
  EntryPage entries(
      @Parameter(description = "one index only") @RequestParam(required = false) String index,
      @Parameter(description = "hits (the default), last-hit, bytes, expiry or newest")
          @RequestParam(required = false)
          String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    String only = index == null || index.isBlank() ? null : index.strip();
    int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
    int pageNumber = Math.max(page, 0);
    return new EntryPage(
        cache.entries(only, order(sort), pageSize, (long) pageNumber * pageSize),
        pageNumber,
        pageSize,
        cache.count(only));
  }

  @DeleteMapping("/admin/cache/entries/{key}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Removes one entry, from the table and every instance's memory")
  void invalidate(Principal operator, @PathVariable String key) {
    if (!cache.invalidate(operator.getName(), key)) {
      throw new EntryNotFound(key);
    }
  }

  @DeleteMapping("/admin/cache")
  @Operation(summary = "Removes every entry, or one index's, on every instance")
  Cleared clear(
      Principal operator,
      @Parameter(description = "one index only") @RequestParam(required = false) String index) {
    return new Cleared(
        cache.clear(operator.getName(), index == null || index.isBlank() ? null : index.strip()));
  }

  @PostMapping("/admin/cache/prewarm")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Runs a query now and caches its result",
      description =
          "Checked by the same rules as an incoming request (the allow-list, the query grammar"
              + " and its bounds); a query that breaks them is refused naming the field.")
  OperatorCache.Prewarmed prewarm(Principal operator, @Valid @RequestBody PrewarmForm form) {
    return cache.prewarm(operator.getName(), form.index(), form.queryType(), form.queryParams());
  }

  @ExceptionHandler(OperatorCache.EngineRefused.class)
  ProblemDetail engineRefused(OperatorCache.EngineRefused refused) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, refused.getMessage());
    problem.setTitle("The search engine could not answer");
    return problem;
  }

  static ResultCache.Order order(String sort) {
    return ResultCache.Order.fromWireName(sort)
        .orElseThrow(
            () -> new InvalidField("sort", "must be hits, last-hit, bytes, expiry or newest"));
  }
}
