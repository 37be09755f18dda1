package io.airlock.requestside;

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

  static final String TITLE = "Airlock request side API";

  /** The security scheme of access tokens from {@code POST /auth/login}. */
  public static final String BEARER = "bearer";

  /** The security scheme of API keys from {@code POST /api-keys}. */
  public static final String API_KEY = "apiKey";

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
                .version(build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT"))
                .addSecuritySchemes(
                    API_KEY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-API-Key")))
        // Either one will do; operations open to anyone override this with an empty list.
        .addSecurityItem(new SecurityRequirement().addList(BEARER))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY));
  }
}
