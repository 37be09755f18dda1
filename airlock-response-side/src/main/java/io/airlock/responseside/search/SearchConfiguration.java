package io.airlock.responseside.search;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

  @Bean
  SearchEngine searchEngine(SearchProperties properties, JsonMapper json) {
    return new SearchEngine(properties, json);
  }

  @Bean
  SearchAccountCheck searchAccountCheck(SearchEngine engine, AllowedIndices allowedIndices) {
    return new SearchAccountCheck(engine, allowedIndices);
  }
}
