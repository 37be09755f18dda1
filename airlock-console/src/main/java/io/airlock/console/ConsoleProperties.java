package io.airlock.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web console's settings. The idle timeout of a browser session is Spring Session's ({@code
 * spring.session.timeout}, 30 minutes unless set).
 *
 * @param absoluteTimeout how long a browser session lasts after sign-in however busy it is: then
 *     the user signs in again
 */
@ConfigurationProperties("airlock.console")
public record ConsoleProperties(@DefaultValue("12h") Duration absoluteTimeout) {}
