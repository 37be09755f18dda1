package io.airlock.platform.web;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for every error, a request id on every request, a cap on request bodies, and the
 * health and metrics paths probes expect ({@link ActuatorAliasesFilter}). Runs before Boot's MVC
 * configuration so that Boot's own exception handler and error controller back off.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(HttpProperties.class)
class PlatformWebAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ProblemDetailsAdvice problemDetailsAdvice() {
    return new ProblemDetailsAdvice();
  }

  @Bean
  @ConditionalOnMissingBean
  ProblemRequestIds problemRequestIds() {
    return new ProblemRequestIds();
  }

  @Bean
  @ConditionalOnMissingBean
  ProblemWriter problemWriter(JsonMapper json) {
    return new ProblemWriter(json);
  }

  @Bean
  @ConditionalOnMissingBean
  ProblemErrorController problemErrorController() {
    return new ProblemErrorController();
  }

  @Bean
  @ConditionalOnMissingBean(name = "requestBodyLimitFilter")
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
      HttpProperties properties, ProblemWriter problems) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), problems));
    // Right after the request id, before security reads anything.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  @ConditionalOnMissingBean(name = "actuatorAliasesFilter")
  FilterRegistrationBean<ActuatorAliasesFilter> actuatorAliasesFilter() {
    FilterRegistrationBean<ActuatorAliasesFilter> registration =
        new FilterRegistrationBean<>(new ActuatorAliasesFilter());
    // After the body limit, before security: security sees the actuator's path.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  @Bean
  @ConditionalOnMissingBean(name = "requestIdFilter")
  FilterRegistrationBean<RequestIdFilter> requestIdFilter(Environment environment) {
    FilterRegistrationBean<RequestIdFilter> registration =
        new FilterRegistrationBean<>(
            new RequestIdFilter(environment.getProperty("spring.application.name")));
    // First, so that whatever any later filter logs or fails with carries the id.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
    return registration;
  }
}
