package io.airlock.platform.errors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Sends what a side logs at {@code airlock.sentry.minimum-event-level} and above to Sentry, without
 * personal data, when {@code airlock.sentry.dsn} is set; without it nothing here exists.
 */
@AutoConfiguration
@Conditional(ErrorTrackingAutoConfiguration.DsnSet.class)
@EnableConfigurationProperties(SentryProperties.class)
public class ErrorTrackingAutoConfiguration {

  @Bean
  ErrorTracking errorTracking(
      SentryProperties properties, Environment environment, ObjectProvider<BuildProperties> build) {
    String release =
        properties.release() != null
            ? properties.release()
            : build.stream().map(info -> "airlock@" + info.getVersion()).findFirst().orElse(null);
    return new ErrorTracking(
        properties,
        release,
        environment.getProperty("airlock.side", "unknown"),
        environment.getProperty("spring.application.name"));
  }

  /**
   * Not {@code @ConditionalOnProperty}, which takes an empty value as set: deployments pass the DSN
   * as {@code ${SENTRY_DSN:}}, and empty must mean off.
   */
  static class DsnSet implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty("airlock.sentry.dsn"));
    }
  }
}
