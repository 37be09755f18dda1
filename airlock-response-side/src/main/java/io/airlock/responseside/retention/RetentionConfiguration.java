package io.airlock.responseside.retention;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionProperties;
import io.airlock.platform.retention.RetentionSchedule;
import io.airlock.responseside.audit.AuditLog;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.queue.IncomingRequests;
import io.airlock.responseside.results.QueryResults;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The response side's retention job, on the platform's retention schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponseSideRetentionProperties.class)
class RetentionConfiguration {

  @Bean
  ResponseSideRetention responseSideRetention(
      QueryResults results,
      IncomingRequests requests,
      AuditLog auditLog,
      SystemLog systemLog,
      PlatformTransactionManager transactionManager,
      SingletonJobs singletonJobs,
      ResponseSideRetentionProperties properties,
      Clock clock,
      ApplicationEventPublisher events) {
    return new ResponseSideRetention(
        results,
        requests,
        auditLog,
        systemLog,
        new TransactionTemplate(transactionManager),
        singletonJobs,
        properties,
        clock,
        events::publishEvent);
  }

  @Bean
  SchedulingConfigurer responseSideRetentionSchedule(
      ResponseSideRetention retention, RetentionProperties schedule) {
    return RetentionSchedule.of(schedule, "Response side retention", retention::runNow);
  }
}
