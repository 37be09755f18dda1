package io.airlock.requestside.notifications;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How users hear that a request of theirs has ended. The mail server is Spring's {@code
 * spring.mail.*} (host, port, username, password, and {@code
 * spring.mail.properties.mail.smtp.starttls.enable}); without {@code spring.mail.host} users cannot
 * choose email.
 *
 * @param publicUrl where users reach this side, as their browsers and programs see it (e.g. {@code
 *     https://airlock.example.org}): emails link to the request's page under it, and webhooks name
 *     the response's URL under it
 * @param email the messages sent by email
 * @param webhook the webhooks users may set
 * @param delivery how deliveries are sent and retried
 */
@ConfigurationProperties("airlock.notifications")
record NotificationProperties(
    @DefaultValue("http://localhost:8001") URI publicUrl,
    @DefaultValue Email email,
    @DefaultValue Webhook webhook,
    @DefaultValue Delivery delivery) {

  /**
   * @param from the sender of the emails ({@code From})
   */
  record Email(@DefaultValue("airlock@localhost") String from) {}

  /**
   * @param allowedUrls the only URLs a webhook may be under, e.g. {@code
   *     https://hooks.example.org/}: same scheme, host and port, and a path under the prefix's.
   *     None (the default) refuses every webhook, so that no user can make this side call an
   *     address of the administrator's network that it should not. Checked when a user sets a
   *     webhook and again before each delivery
   * @param timeout how long a webhook call may take to connect, and again to be answered
   */
  record Webhook(List<URI> allowedUrls, @DefaultValue("5s") Duration timeout) {

    Webhook {
      allowedUrls = allowedUrls == null ? List.of() : List.copyOf(allowedUrls);
      for (URI allowed : allowedUrls) {
        if (WebhookUrls.refusal(allowed.toString(), List.of(allowed)).isPresent()) {
          throw new IllegalArgumentException(
              "airlock.notifications.webhook.allowed-urls: "
                  + allowed
                  + " is no absolute http or https URL with a host");
        }
      }
    }
  }

  /**
   * @param enabled whether deliveries are sent on their own; off, only when called (tests)
   * @param interval how often due deliveries are looked for
   * @param attempts how many times a delivery is tried before it is given up as dead
   * @param firstRetry how long after the first failed attempt the next one is made; each further
   *     wait doubles (2, 4, 8, 16 and 32 minutes: six attempts over about an hour)
   * @param batchSize how many due deliveries one instance claims at a time
   */
  record Delivery(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5s") Duration interval,
      @DefaultValue("6") int attempts,
      @DefaultValue("2m") Duration firstRetry,
      @DefaultValue("10") int batchSize) {

    Delivery {
      if (attempts < 1) {
        throw new IllegalArgumentException("airlock.notifications.delivery.attempts must be >= 1");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException(
            "airlock.notifications.delivery.batch-size must be >= 1");
      }
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    Duration retryAfter(int attempt) {
      return firstRetry.multipliedBy(1L << Math.min(attempt - 1, 30));
    }
  }
}
