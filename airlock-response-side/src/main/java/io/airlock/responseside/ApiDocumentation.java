package io.airlock.responseside;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
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
                        + " link. Requests arrive only as batch files from the request side."
                        + " The admin and monitoring API needs an admin, by HTTP Basic or by"
                        + " an X-API-Key header.")
                .version(build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev")))
        // So that the Swagger UI's "Authorize" button offers both ways in.
        .components(
            new Components()
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-API-Key")))
        .addSecurityItem(new SecurityRequirement().addList("basic"))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}
