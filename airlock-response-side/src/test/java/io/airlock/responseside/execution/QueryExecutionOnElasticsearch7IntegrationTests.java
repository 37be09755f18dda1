package io.airlock.responseside.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.AirlockTestInitializer;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.SharedElasticsearch7Initializer;
import io.airlock.responseside.search.ClusterInfo;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every execution test again, on Elasticsearch 7.17 instead of OpenSearch: what the executor does
 * must not depend on which engine answers.
 */
@ResponseSideIntegrationTest
@ContextConfiguration(
    inheritInitializers = false,
    initializers = {AirlockTestInitializer.class, SharedElasticsearch7Initializer.class})
class QueryExecutionOnElasticsearch7IntegrationTests extends QueryExecutionIntegrationTests {

  @Test
  void runsOnElasticsearch7() {
    assertThat(engine.clusterInfo())
        .isInstanceOfSatisfying(
            ClusterInfo.Known.class,
            known -> assertThat(known.distribution()).isEqualTo("elasticsearch"));
  }
}
