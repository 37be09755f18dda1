package io.airlock.platform.errors;

import io.airlock.platform.node.ApplicationInLogs;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import java.util.Collections;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Takes from every event what could name a person or a host before it leaves the JVM, and tags it
 * with the side that logged it. What stays: the message and the exception with its stack trace, the
 * level, logger and thread, the tags (side, request id, application), release and environment, and
 * the runtime. A message or an exception that itself contains personal data is sent as it is: that
 * is the log line's business, not this filter's.
 */
final class PersonalDataFilter implements SentryOptions.BeforeSendCallback {

  /** Contexts with nothing personal in them; the rest (the MDC's above all) are dropped. */
  private static final Set<String> KEPT_CONTEXTS = Set.of("runtime", "os", "trace");

  private final UnaryOperator<String> sideOfApplication;

  /** {@code sideOfApplication}: the side of an application, or null if not known. */
  PersonalDataFilter(UnaryOperator<String> sideOfApplication) {
    this.sideOfApplication = sideOfApplication;
  }

  @Override
  public SentryEvent execute(SentryEvent event, Hint hint) {
    // Name, email, IP address and whatever else code set on the scope.
    event.setUser(null);
    // Cookies, headers, body, query string: the request id tag leads to the request in the logs.
    event.setRequest(null);
    event.setServerName(null);
    event.setBreadcrumbs(null);
    for (String context : Collections.list(event.getContexts().keys())) {
      if (!KEPT_CONTEXTS.contains(context)) {
        event.getContexts().remove(context);
      }
    }
    String side = sideOfApplication.apply(event.getTag(ApplicationInLogs.MDC_KEY));
    if (side != null) {
      event.setTag("side", side);
    }
    return event;
  }
}
