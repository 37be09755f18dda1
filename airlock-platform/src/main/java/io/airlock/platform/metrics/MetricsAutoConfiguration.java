package io.airlock.platform.metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The scraper's credential, for each side's security chain, and the health groups as gauges. */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsAutoConfiguration {

  @Bean
  ScrapeCredentials scrapeCredentials(MetricsProperties properties) {
    return new ScrapeCredentials(properties.scrape());
  }

  @Bean
  @ConditionalOnBean(HealthEndpoint.class)
  HealthMetrics healthMetrics(HealthEndpoint health) {
    return new HealthMetrics(health);
  }
}
