package io.airlock.responseside.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.AirlockTestInitializer;
import io.airlock.platform.testing.TestPeer;
import io.airlock.responseside.SharedElasticsearch7Initializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** The query firewall again on Elasticsearch 7.17: no engine may run what the other refuses. */
@RequestsChannelTest
@ContextConfiguration(
    inheritInitializers = false,
    initializers = {
      AirlockTestInitializer.class,
      SharedElasticsearch7Initializer.class,
      TestPeer.Trusted.class
    })
class QueryFirewallOnElasticsearch7IntegrationTests extends QueryFirewallIntegrationTests {

  @Test
  void runsOnElasticsearch7() {
    assertThat(distribution()).isEqualTo("elasticsearch");
  }
}
