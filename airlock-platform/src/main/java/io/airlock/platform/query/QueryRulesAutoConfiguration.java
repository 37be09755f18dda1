package io.airlock.platform.query;

import io.airlock.transfer.query.QueryRules;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The query rules both sides check requests with: the grammar narrowed by {@code airlock.query.*},
 * and its version and narrowing in {@code /actuator/info}.
 */
@AutoConfiguration
@EnableConfigurationProperties(QueryPolicyProperties.class)
public class QueryRulesAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  QueryRules queryRules(QueryPolicyProperties properties) {
    return new QueryRules(properties.policy());
  }

  @Bean
  QueryGrammarInfoContributor queryGrammarInfoContributor(QueryRules rules) {
    return new QueryGrammarInfoContributor(rules);
  }
}
