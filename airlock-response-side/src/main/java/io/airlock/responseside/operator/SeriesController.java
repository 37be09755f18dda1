package io.airlock.responseside.operator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Statistics")
class SeriesController {

  private final OperatorSeries series;

  SeriesController(OperatorSeries series) {
    this.series = series;
  }

  @GetMapping("/stats/timeseries")
  @Operation(
      summary = "A chart's series, aggregated in SQL from the answers as they were decided",
      description =
          "answers: how many per bucket; execution: p50 and p95 execution time in ms;"
              + " cache-hit-ratio: the share of completed answers the cache gave; cache: its hits"
              + " against its misses; cache-bytes: the result bytes its misses stored; failures: how"
              + " many failed for each reason over the range. Buckets are minutes over an hour,"
              + " hours over a day.")
  OperatorSeries.Series timeseries(
      @Parameter(
              description = "answers, execution, cache-hit-ratio, cache, cache-bytes or failures")
          @RequestParam
          String metric,
      @Parameter(description = "hour or day") @RequestParam(defaultValue = "hour") String range) {
    return series.of(metric, range);
  }
}
