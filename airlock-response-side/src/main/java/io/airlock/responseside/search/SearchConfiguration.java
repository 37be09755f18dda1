package io.airlock.responseside.search;

import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.IndexAllowList;
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
  SearchAccountCheck searchAccountCheck(
      SearchEngine engine, IndexAllowList allowList, Directory directory) {
    return new SearchAccountCheck(engine, SearchAccountCheck.allowedIndices(allowList, directory));
  }
}
