package io.airlock.platform.jobs;

import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.platform.node.NodeProperties;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Singleton jobs locked through the side's own database, so no other service is needed, and the one
 * way periodic jobs run: on Spring's task scheduler (registered through {@code
 * SchedulingConfigurer}s, with the singleton lock around each job that must run once).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties(NodeProperties.class)
class JobsAutoConfiguration {

  /** Scheduled tasks log with the label of the side that scheduled them. */
  @Bean
  ThreadPoolTaskSchedulerCustomizer labelledScheduledTasks() {
    return scheduler -> scheduler.setTaskDecorator(ApplicationInLogs.carryingTheLabel());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(DataSource.class)
  @DependsOnDatabaseInitialization
  SingletonJobs singletonJobs(DataSource dataSource, NodeProperties node) {
    return SingletonJobs.onDatabase(dataSource, InstanceId.of(node.dataDir()));
  }
}
