package io.airlock.requestside;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.AirlockTestInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class RequestSideApplicationIntegrationTests {

  @Test
  void builderRunsTheSideOnItsOwnConfigurationFileWithArgumentsOverridingIt() {
    try (ConfigurableApplicationContext context =
        RequestSideApplication.builder()
            .initializers(new AirlockTestInitializer())
            .run("--server.port=0")) {
      assertThat(context.getEnvironment().getProperty("airlock.side")).isEqualTo("request");
      assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class))
          .isPositive()
          .isNotEqualTo(8001);
    }
  }
}
