package io.airlock.requestside.notifications;

import io.airlock.platform.jobs.SingletonJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the deliveries that are due, on one instance at a time: claims a few, makes one attempt at
 * each, and settles it as sent, to be retried after a wait that doubles with every attempt, or dead
 * after the last attempt (or at once when it can never succeed as things stand).
 */
@Component
public class NotificationSender {

  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
  private static final String JOB = "notification-delivery";

  /** A claimed batch is settled long before: at most ten webhooks of twice the timeout each. */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** A run stops claiming after this, leaving the rest to the next run. */
  private static final Duration RUN_AT_MOST = Duration.ofMinutes(2);

  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

  private final NotificationDeliveries deliveries;
  private final EmailNotifier email;
  private final WebhookNotifier webhook;
  private final NotificationMeters meters;
  private final SingletonJobs jobs;
  private final NotificationProperties properties;
  private final JsonMapper json;

  NotificationSender(
      NotificationDeliveries deliveries,
      EmailNotifier email,
      WebhookNotifier webhook,
      NotificationMeters meters,
      SingletonJobs jobs,
      NotificationProperties properties,
      JsonMapper json) {
    this.deliveries = deliveries;
    this.email = email;
    this.webhook = webhook;
    this.meters = meters;
    this.jobs = jobs;
    this.properties = properties;
    this.json = json;
  }

  /**
   * Sends what is due now; how many deliveries were attempted, or empty if another instance is
   * sending.
   */
  public Optional<Integer> runNow() {
    if (!deliveries.anyDue()) {
      return Optional.of(0);
    }
    return jobs.runExclusivelyUnchecked(JOB, LOCK_AT_MOST, this::sendDue);
  }

  private int sendDue() {
    NotificationProperties.Delivery delivery = properties.delivery();
    Instant until = Instant.now().plus(RUN_AT_MOST);
    int attempted = 0;
    List<NotificationDeliveries.Claimed> claimed;
    do {
      claimed = deliveries.claim(delivery.batchSize(), LEASE);
      for (NotificationDeliveries.Claimed one : claimed) {
        settle(one, attempt(one));
      }
      attempted += claimed.size();
    } while (claimed.size() == delivery.batchSize() && Instant.now().isBefore(until));
    return attempted;
  }

  private Attempt attempt(NotificationDeliveries.Claimed delivery) {
    try {
      EndedRequest ended = EndedRequest.of(delivery, properties.publicUrl(), json);
      return NotificationChoices.EMAIL.equals(delivery.channel())
          ? email.send(delivery.target(), ended)
          : webhook.send(delivery.userId(), delivery.target(), ended);
    } catch (RuntimeException e) {
      return new Attempt.Failed(e.toString());
    }
  }

  private void settle(NotificationDeliveries.Claimed delivery, Attempt attempt) {
    String channel = delivery.channel();
    if (attempt instanceof Attempt.Sent) {
      deliveries.sent(delivery.id());
      meters.count(channel, "sent");
      log.debug("Delivery {} sent by {}", delivery.id(), channel);
    } else if (attempt instanceof Attempt.Refused refused) {
      deliveries.dead(delivery.id(), refused.reason());
      meters.count(channel, "dead");
      log.debug("Delivery {} refused: {}", delivery.id(), refused.reason());
    } else if (attempt instanceof Attempt.Failed failed) {
      if (delivery.attempt() >= properties.delivery().attempts()) {
        deliveries.dead(delivery.id(), failed.error());
        meters.count(channel, "dead");
        log.debug("Delivery {} dead after {} attempts", delivery.id(), delivery.attempt());
      } else {
        deliveries.retry(
            delivery.id(), failed.error(), properties.delivery().retryAfter(delivery.attempt()));
        meters.count(channel, "retry");
        log.debug("Delivery {} attempt {} failed", delivery.id(), delivery.attempt());
      }
    }
  }
}
