package io.airlock.responseside.monitoring;

import java.util.Map;

/**
 * The outcome of one system check, as it goes into the system log.
 *
 * @param name what was checked: {@code database}, {@code search}, {@code disk}, {@code memory} or
 *     {@code backlog}
 * @param level INFO when fine, WARN past a threshold, ERROR when the thing checked is unusable
 * @param message one line for the admin
 * @param details the figures behind it
 */
record SystemCheck(String name, SystemLog.Level level, String message, Map<String, ?> details) {

  SystemCheck {
    details = Map.copyOf(details);
  }
}
