package io.airlock.responseside.search;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

  @Bean
  SearchEngine searchEngine(SearchProperties properties, JsonMapper json, MeterRegistry registry) {
    return new SearchEngine(properties, json, registry);
  }

  @Bean
  SearchAccountCheck searchAccountCheck(SearchEngine engine, AllowedIndices allowedIndices) {
    return new SearchAccountCheck(engine, allowedIndices);
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> searchAccountCheckOnStart(
      SearchAccountCheck check, TaskScheduler scheduler) {
    return event -> check.checkOn(scheduler);
  }
}
