package io.airlock.responseside.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

@RestController
@Tag(name = "Statistics")
class SearchStatsController {

  private final SearchEngine engine;

  SearchStatsController(SearchEngine engine) {
    this.engine = engine;
  }

  @GetMapping("/stats/search")
  @Operation(
      summary = "Search cluster",
      description =
          "The configured Elasticsearch or OpenSearch cluster as it describes itself: distribution,"
              + " version, name and health, or why it could not be asked.")
  SearchStats search() {
    ClusterInfo info = engine.clusterInfo();
    if (info instanceof ClusterInfo.Known known) {
      return new SearchStats(
          true, known.distribution(), known.version(), known.clusterName(), known.status(), null);
    }
    return new SearchStats(
        false, null, null, null, null, ((ClusterInfo.Unavailable) info).reason());
  }

  /**
   * @param status the cluster health: green, yellow or red
   * @param reason why the cluster could not be asked, when it could not
   */
  @JsonNaming(SnakeCaseStrategy.class)
  record SearchStats(
      boolean available,
      String distribution,
      String version,
      String clusterName,
      String status,
      String reason) {}
}
