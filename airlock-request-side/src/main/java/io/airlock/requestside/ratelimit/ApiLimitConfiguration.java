package io.airlock.requestside.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiLimitProperties.class)
class ApiLimitConfiguration {

  /** The filter runs inside the security chain, where the caller is known; not before it too. */
  @Bean
  FilterRegistrationBean<ApiLimitFilter> apiLimitFilterRegistration(ApiLimitFilter filter) {
    FilterRegistrationBean<ApiLimitFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }
}
