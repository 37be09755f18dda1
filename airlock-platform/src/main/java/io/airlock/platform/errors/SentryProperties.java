package io.airlock.platform.errors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.logging.LogLevel;

/**
 * Error tracking with Sentry, off unless a DSN names one; in the air gap that is a self-hosted
 * Sentry inside it. Where both sides share a JVM (the standalone demo) they share one Sentry: the
 * side that starts first configures it.
 *
 * @param dsn the project's DSN, e.g. {@code https://<public key>@sentry.example.internal/1}; unset
 *     or blank: error tracking is off, nothing is initialised and no appender is attached
 * @param environment the environment events are filed under, e.g. {@code production} or {@code
 *     staging}; unset: Sentry's default ({@code production})
 * @param minimumEventLevel the lowest log level sent as an event; {@code ERROR} by default
 * @param release the release events are filed under; unset: {@code airlock@<version>} from the
 *     build info, or none without it
 */
@ConfigurationProperties("airlock.sentry")
public record SentryProperties(
    String dsn,
    String environment,
    @DefaultValue("ERROR") LogLevel minimumEventLevel,
    String release) {}
