package io.airlock.platform.jobs;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Singleton jobs locked through the side's own database, so no other service is needed. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
class JobsAutoConfiguration {

  @Bean
  @ConditionalOnSingleCandidate(DataSource.class)
  SingletonJobs singletonJobs(DataSource dataSource) {
    // The database's clock decides when a lock runs out, so instances' clocks need not agree.
    JdbcTemplateLockProvider locks =
        new JdbcTemplateLockProvider(
            JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    return new SingletonJobs(new DefaultLockingTaskExecutor(locks));
  }
}
