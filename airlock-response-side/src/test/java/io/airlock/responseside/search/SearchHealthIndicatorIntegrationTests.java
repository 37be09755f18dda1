package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SearchHealthIndicatorIntegrationTests {

  @OnEachEngine
  void isUpWithTheDistributionVersionAndStatusOfARealNode(EngineUnderTest engine) {
    Health health = new SearchHealthIndicator(engine.engine()).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("distribution", engine.distribution)
        .containsEntry("version", engine.version)
        .containsKeys("cluster", "clusterStatus");
  }

  @Test
  void isDownWithTheReasonWhenTheClusterIsUnreachable() {
    Health health =
        new SearchHealthIndicator(SearchFixture.engine(SearchFixture.closedPort())).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat((String) health.getDetails().get("reason")).startsWith("connection failed: ");
  }

  @Test
  void isDownAsNotConfiguredWithoutAUrl() {
    Health health = new SearchHealthIndicator(SearchFixture.engine((URI) null)).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("reason", SearchEngine.NOT_CONFIGURED);
  }

  @Test
  void isDownWhenTheClusterIsRed() {
    try (FakeEngine fake = new FakeEngine()) {
      fake.answering(
              200,
              "{\"cluster_name\":\"c\",\"version\":{\"number\":\"8.15.0\",\"build_flavor\":\"default\"}}")
          .answering(200, "{\"status\":\"red\"}");

      Health health = new SearchHealthIndicator(SearchFixture.engine(fake.url())).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails())
          .containsEntry("distribution", "elasticsearch")
          .containsEntry("version", "8.15.0")
          .containsEntry("clusterStatus", "red");
      assertThat(fake.calls())
          .extracting(FakeEngine.Call::path)
          .containsExactly("/", "/_cluster/health");
    }
  }
}
