package io.airlock.responseside.cache;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Statistics")
class CacheStatsController {

  private final ResultCache cache;

  CacheStatsController(ResultCache cache) {
    this.cache = cache;
  }

  @GetMapping("/stats/cache")
  @Operation(
      summary = "Result cache",
      description =
          "Fresh entries and their bytes in memory (this instance) and in the shared table, and"
              + " the share of this instance's lookups the cache answered since it started.")
  CacheStats cache() {
    return cache.stats();
  }
}
