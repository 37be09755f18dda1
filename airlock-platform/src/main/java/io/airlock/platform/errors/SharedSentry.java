package io.airlock.platform.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.platform.web.RequestId;
import io.sentry.Sentry;
import io.sentry.logback.SentryAppender;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;

/**
 * Sentry and its Logback appender, of which a JVM has one each, shared by the sides that run in it
 * (the standalone demo runs both): the first side to join initialises them with its settings, the
 * last to leave detaches the appender and closes Sentry, which sends what is queued.
 */
final class SharedSentry {

  private static final Logger log = LoggerFactory.getLogger(SharedSentry.class);

  /** Read without the lock, by every event's filter on the thread that logged it. */
  private static final List<ErrorTracking> sides = new CopyOnWriteArrayList<>();

  private static SentryProperties settings;
  private static SentryAppender appender;

  private SharedSentry() {}

  static synchronized void join(ErrorTracking side, SentryProperties properties, String release) {
    if (!sides.isEmpty()) {
      if (!properties.equals(settings)) {
        log.warn(
            "Side {} has airlock.sentry settings of its own, but shares the Sentry of the side that"
                + " started it in this JVM, with that side's settings",
            side.side());
      }
      sides.add(side);
      return;
    }
    Sentry.init(
        options -> {
          options.setDsn(properties.dsn());
          options.setEnvironment(properties.environment());
          options.setRelease(release);
          options.setSendDefaultPii(false);
          // A host name can name a machine's owner or the network's layout; the side tag suffices.
          options.setAttachServerName(false);
          options.addContextTag(RequestId.MDC_KEY);
          options.addContextTag(ApplicationInLogs.MDC_KEY);
          options.setBeforeSend(new PersonalDataFilter(SharedSentry::sideOf));
          // The last lines before an error name users, queries and search terms: the request id
          // leads to them in the logs, which stay inside.
          options.setBeforeBreadcrumb((breadcrumb, hint) -> null);
        });
    settings = properties;
    sides.add(side);
    appender = attachAppender(level(properties.minimumEventLevel()));
    log.info(
        "Error tracking on: events at {} and above go to Sentry at {}",
        properties.minimumEventLevel(),
        URI.create(properties.dsn()).getHost());
  }

  static synchronized void leave(ErrorTracking side) {
    if (!sides.remove(side) || !sides.isEmpty()) {
      return;
    }
    if (appender != null) {
      rootOf(appender.getContext()).detachAppender(appender);
      appender.stop();
      appender = null;
    }
    settings = null;
    Sentry.close();
  }

  /**
   * The side an event of {@code application} comes from: with one side in the JVM that side, with
   * both the one of that application, or none where no application is known (a thread neither side
   * started).
   */
  static String sideOf(String application) {
    List<ErrorTracking> now = List.copyOf(sides);
    if (now.size() == 1) {
      return now.get(0).side();
    }
    return now.stream()
        .filter(side -> application != null && application.equals(side.application()))
        .map(ErrorTracking::side)
        .findFirst()
        .orElse(null);
  }

  private static SentryAppender attachAppender(Level minimumEventLevel) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      log.warn("Logging is not Logback: Sentry gets uncaught exceptions only, no log events");
      return null;
    }
    SentryAppender sentry = new SentryAppender();
    sentry.setName("SENTRY");
    sentry.setContext(context);
    sentry.setMinimumEventLevel(minimumEventLevel);
    sentry.setMinimumBreadcrumbLevel(Level.OFF);
    sentry.start();
    rootOf(context).addAppender(sentry);
    return sentry;
  }

  private static ch.qos.logback.classic.Logger rootOf(ch.qos.logback.core.Context context) {
    return ((LoggerContext) context).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static Level level(LogLevel level) {
    return switch (level) {
      case TRACE -> Level.TRACE;
      case DEBUG -> Level.DEBUG;
      case INFO -> Level.INFO;
      case WARN -> Level.WARN;
      case ERROR, FATAL -> Level.ERROR;
      case OFF -> Level.OFF;
    };
  }
}
