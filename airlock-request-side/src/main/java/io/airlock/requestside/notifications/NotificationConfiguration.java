package io.airlock.requestside.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Notifications' settings, and the sender on its schedule unless it is switched off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

  @Bean
  @ConditionalOnBooleanProperty(
      name = "airlock.notifications.delivery.enabled",
      matchIfMissing = true)
  SchedulingConfigurer notificationSchedule(
      NotificationSender sender, NotificationProperties properties) {
    return registrar ->
        registrar.addFixedDelayTask(
            () -> {
              try {
                sender.runNow();
              } catch (RuntimeException e) {
                log.warn("Sending notifications failed, tried again next run: {}", e.toString());
              }
            },
            properties.delivery().interval());
  }
}
