package io.airlock.requestside.notifications;

import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.audit.AuditLog;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a user chooses to hear that a request of theirs has ended: {@code none}, {@code email} (to
 * their address in the directory) or {@code webhook} (a URL under the administrator's allowed ones,
 * signed with a secret the user sets or has generated). The API's {@code /users/me/notifications}
 * and the console's account page both go through here. A generated secret is answered once; a
 * choice never shows it again.
 */
@Service
public class NotificationChoices {

  public static final String NONE = "none";
  public static final String EMAIL = "email";
  public static final String WEBHOOK = "webhook";
  public static final List<String> CHANNELS = List.of(NONE, EMAIL, WEBHOOK);

  static final String SECRET_PREFIX = "whsec_";
  private static final int MIN_SECRET = 16;
  private static final int MAX_SECRET = 200;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A user's choice as they may see it: never the secret, only whether there is one.
   *
   * @param webhookUrl null unless the channel is {@code webhook}
   */
  public record Choice(String channel, String webhookUrl, boolean webhookSecretSet) {}

  /**
   * A choice just made.
   *
   * @param generatedSecret the webhook's new secret when this side generated it, to be shown this
   *     once; null otherwise
   */
  public record Chosen(Choice choice, String generatedSecret) {}

  private final NotificationPreferences preferences;
  private final NotificationProperties properties;
  private final ObjectProvider<MailSender> mail;
  private final AuditLog audit;

  NotificationChoices(
      NotificationPreferences preferences,
      NotificationProperties properties,
      ObjectProvider<MailSender> mail,
      AuditLog audit) {
    this.preferences = preferences;
    this.properties = properties;
    this.mail = mail;
    this.audit = audit;
  }

  public Choice of(UUID user) {
    return preferences
        .of(user)
        .map(stored -> new Choice(stored.channel(), stored.webhookUrl(), true))
        .orElse(new Choice(NONE, null, false));
  }

  /** Whether users may choose email: this side has a mail server. */
  public boolean emailAvailable() {
    return mail.getIfAvailable() != null;
  }

  /** The URLs a webhook may be under; none: webhooks are refused. */
  public List<URI> allowedWebhookUrls() {
    return properties.webhook().allowedUrls();
  }

  /**
   * Records the user's choice, audited.
   *
   * @param email the user's address in the directory, which email goes to; null if they have none
   * @param webhookSecret the user's own secret; null or blank keeps the webhook's current one, or,
   *     for a new webhook, has one generated
   * @throws InvalidField naming the field that cannot be taken, and why
   */
  @Transactional
  public Chosen choose(
      UUID user,
      String actor,
      String email,
      String channel,
      String webhookUrl,
      String webhookSecret) {
    String generated = null;
    switch (channel == null ? "" : channel) {
      case NONE -> preferences.none(user);
      case EMAIL -> {
        if (!emailAvailable()) {
          throw new InvalidField("channel", "email is not available: this side has no mail server");
        }
        if (email == null || email.isBlank()) {
          throw new InvalidField("channel", "email needs an email address in your account");
        }
        preferences.save(user, EMAIL, null, null);
      }
      case WEBHOOK -> {
        String url = webhookUrl == null ? "" : webhookUrl.strip();
        if (url.isEmpty()) {
          throw new InvalidField("webhook_url", "must be given for a webhook");
        }
        WebhookUrls.refusal(url, allowedWebhookUrls())
            .ifPresent(
                refusal -> {
                  throw new InvalidField("webhook_url", refusal);
                });
        String secret = webhookSecret == null ? "" : webhookSecret.strip();
        if (!secret.isEmpty()) {
          checkSecret(secret);
        } else {
          secret = currentSecret(user);
          if (secret == null) {
            secret = generated = generateSecret();
          }
        }
        preferences.save(user, WEBHOOK, url, secret);
      }
      default -> throw new InvalidField("channel", "must be one of " + String.join(", ", CHANNELS));
    }
    audit.record(
        actor,
        "notifications.change",
        "user:" + actor,
        AuditLog.Outcome.SUCCESS,
        WEBHOOK.equals(channel) ? "webhook " + webhookUrl.strip() : channel);
    return new Chosen(of(user), generated);
  }

  /**
   * A new secret for the user's webhook, replacing the one before; answered this once, audited.
   *
   * @throws InvalidField if the user has no webhook
   */
  @Transactional
  public String newSecret(UUID user, String actor) {
    NotificationPreferences.Stored stored =
        preferences
            .of(user)
            .filter(current -> WEBHOOK.equals(current.channel()))
            .orElseThrow(() -> new InvalidField("channel", "must be webhook to have a secret"));
    String secret = generateSecret();
    preferences.save(user, WEBHOOK, stored.webhookUrl(), secret);
    audit.record(
        actor, "notifications.new-secret", "user:" + actor, AuditLog.Outcome.SUCCESS, null);
    return secret;
  }

  private String currentSecret(UUID user) {
    return preferences
        .of(user)
        .filter(current -> WEBHOOK.equals(current.channel()))
        .map(NotificationPreferences.Stored::webhookSecret)
        .orElse(null);
  }

  private static void checkSecret(String secret) {
    if (secret.length() < MIN_SECRET
        || secret.length() > MAX_SECRET
        || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new InvalidField(
          "webhook_secret",
          "must be " + MIN_SECRET + " to " + MAX_SECRET + " printable characters without spaces");
    }
  }

  private static String generateSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
