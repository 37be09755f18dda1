package io.airlock.requestside.notifications;

import io.airlock.requestside.RequestSideIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The request side with notifications configured as a site would: a mail server (on a port where
 * none listens, so that email attempts fail), webhooks allowed under {@value #ALLOWED} and under a
 * local port where none listens ({@value #UNREACHABLE}), and its public URL. Test classes with it
 * share one context. A failed attempt is tried again only an hour later, so what a test finds after
 * one attempt stays.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequestSideIntegrationTest
@TestPropertySource(
    properties = {
      "spring.mail.host=127.0.0.1",
      "spring.mail.port=9",
      "airlock.notifications.public-url=" + NotificationsConfigured.PUBLIC_URL,
      "airlock.notifications.webhook.allowed-urls="
          + NotificationsConfigured.ALLOWED
          + ","
          + NotificationsConfigured.UNREACHABLE,
      "airlock.notifications.delivery.interval=100ms",
      "airlock.notifications.delivery.first-retry=1h"
    })
public @interface NotificationsConfigured {

  String PUBLIC_URL = "https://airlock.example.org";
  String ALLOWED = "https://hooks.example.org/";

  /** The discard port: nothing listens there, so a call is refused at once. */
  String UNREACHABLE = "http://127.0.0.1:9/hooks/";
}
