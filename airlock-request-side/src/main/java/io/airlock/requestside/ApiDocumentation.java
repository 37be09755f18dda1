package io.airlock.requestside;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What {@code /docs} says about this side's API. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  static final String TITLE = "Airlock request side API";

  @Bean
  OpenAPI requestSideOpenApi(ObjectProvider<BuildProperties> build) {
    return new OpenAPI()
        .info(
            new Info()
                .title(TITLE)
                .description(
                    "Submit queries for data on the isolated network and collect their results."
                        + " Requests cross the air gap as signed batch files, so an answer arrives"
                        + " minutes or hours later, never within the request that asked for it.")
                .version(
                    build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev")));
  }
}
