package io.airlock.responseside;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What {@code /docs} says about this side's API. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  static final String TITLE = "Airlock response side API";

  @Bean
  OpenAPI responseSideOpenApi(ObjectProvider<BuildProperties> build) {
    return new OpenAPI()
        .info(
            new Info()
                .title(TITLE)
                .description(
                    "Monitor the isolated network's side of Airlock: the request queue, query"
                        + " execution, the result cache, the user directory and the transfer"
                        + " link. Requests arrive only as batch files from the request side.")
                .version(
                    build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev")));
  }
}
