package io.airlock.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.sentry.Sentry;
import io.sentry.logback.SentryAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Sentry and its appender exist only with a DSN, and only as long as some side needs them. */
class ErrorTrackingTests {

  /** Nothing listens on the discard port; these tests log no errors, so nothing is sent. */
  static final String DSN = "http://publickey@127.0.0.1:9/1";

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ErrorTrackingAutoConfiguration.class));

  @AfterEach
  void resetSentry() {
    Sentry.close();
  }

  @Test
  void initialisesNothingWithoutADsn() {
    runner
        .withPropertyValues("airlock.side=request")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ErrorTracking.class);
              assertThat(Sentry.isEnabled()).isFalse();
              assertThat(sentryAppenders()).isEmpty();
            });
  }

  @Test
  void takesABlankDsnForNone() {
    runner
        .withPropertyValues("airlock.side=request", "airlock.sentry.dsn=")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ErrorTracking.class);
              assertThat(Sentry.isEnabled()).isFalse();
              assertThat(sentryAppenders()).isEmpty();
            });
  }

  @Test
  void attachesAnAppenderAtTheMinimumLevelUntilTheContextCloses() {
    runner
        .withPropertyValues(
            "airlock.side=request",
            "airlock.sentry.dsn=" + DSN,
            "airlock.sentry.minimum-event-level=warn")
        .run(
            context -> {
              assertThat(Sentry.isEnabled()).isTrue();
              assertThat(sentryAppenders())
                  .singleElement()
                  .satisfies(appender -> assertThat(appender.isStarted()).isTrue())
                  .extracting(SentryAppender::getMinimumEventLevel)
                  .isEqualTo(Level.WARN);
            });

    assertThat(Sentry.isEnabled()).isFalse();
    assertThat(sentryAppenders()).isEmpty();
  }

  @Test
  void keepsSentryForTheSideStillRunningWhenTheOtherCloses() {
    runner
        .withPropertyValues("airlock.side=request", "airlock.sentry.dsn=" + DSN)
        .run(
            request -> {
              runner
                  .withPropertyValues("airlock.side=response", "airlock.sentry.dsn=" + DSN)
                  .run(response -> assertThat(sentryAppenders()).hasSize(1));

              assertThat(Sentry.isEnabled()).isTrue();
              assertThat(sentryAppenders()).hasSize(1);
            });

    assertThat(Sentry.isEnabled()).isFalse();
    assertThat(sentryAppenders()).isEmpty();
  }

  /** The Sentry appenders on the root logger. */
  static List<SentryAppender> sentryAppenders() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    List<SentryAppender> found = new ArrayList<>();
    logback
        .getLogger(Logger.ROOT_LOGGER_NAME)
        .iteratorForAppenders()
        .forEachRemaining(
            appender -> {
              if (appender instanceof SentryAppender sentry) {
                found.add(sentry);
              }
            });
    return found;
  }
}
