package io.airlock.requestside.retention;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionProperties;
import io.airlock.platform.retention.RetentionSchedule;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.notifications.NotificationDeliveries;
import io.airlock.requestside.requests.EndedRequests;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** The request side's retention job, on the platform's retention schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestSideRetentionProperties.class)
class RetentionConfiguration {

  @Bean
  RequestSideRetention requestSideRetention(
      EndedRequests requests,
      NotificationDeliveries deliveries,
      AuditLog auditLog,
      SingletonJobs singletonJobs,
      RequestSideRetentionProperties properties,
      Clock clock,
      ApplicationEventPublisher events) {
    return new RequestSideRetention(
        requests, deliveries, auditLog, singletonJobs, properties, clock, events::publishEvent);
  }

  @Bean
  SchedulingConfigurer requestSideRetentionSchedule(
      RequestSideRetention retention, RetentionProperties schedule) {
    return RetentionSchedule.of(schedule, "Request side retention", retention::runNow);
  }
}
