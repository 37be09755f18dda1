package io.airlock.requestside.requests;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestsProperties.class)
class RequestsConfiguration {

  /** Around security too, whose refusals under {@code /es} must take Elasticsearch's shape. */
  @Bean
  FilterRegistrationBean<ElasticsearchErrors> elasticsearchErrors() {
    FilterRegistrationBean<ElasticsearchErrors> registration =
        new FilterRegistrationBean<>(new ElasticsearchErrors());
    registration.addUrlPatterns(ElasticsearchErrors.PATH, ElasticsearchErrors.PATH + "/*");
    // A search that waits is answered on an async dispatch.
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
    // Inside the platform's request id and body limit, outside Spring Security (-100).
    registration.setOrder(-200);
    return registration;
  }
}
