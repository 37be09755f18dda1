package io.airlock.requestside.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a user's program: a JSON POST to their webhook, signed as Stripe signs its webhooks
 * ({@value #SIGNATURE}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the user's
 * secret), so that the receiver can check both where it came from and how fresh it is. Only to a
 * URL the administrator still allows; redirects are not followed, so that an allowed receiver
 * cannot send this side elsewhere.
 */
@Component
class WebhookNotifier {

  static final String SIGNATURE = "X-Airlock-Signature";
  static final String DELIVERY = "X-Airlock-Delivery";

  /** The body; {@code delivery_id} stays the same on every attempt, so receivers can de-dupe. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Body(
      UUID deliveryId,
      UUID requestId,
      String status,
      String statusReason,
      Map<String, Instant> stages,
      URI responseUrl) {}

  private final NotificationProperties properties;
  private final NotificationPreferences preferences;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient http;

  WebhookNotifier(
      NotificationProperties properties,
      NotificationPreferences preferences,
      JsonMapper json,
      Clock clock) {
    this.properties = properties;
    this.preferences = preferences;
    this.json = json;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.webhook().timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Posts the notification to {@code url}, the webhook the user had chosen when the request ended,
   * signed with the user's current secret (the one their receiver knows).
   */
  Attempt send(UUID user, String url, EndedRequest ended) {
    var refusal = WebhookUrls.refusal(url, properties.webhook().allowedUrls());
    if (refusal.isPresent()) {
      return new Attempt.Refused("the webhook URL " + url + " " + refusal.get());
    }
    var secret =
        preferences
            .of(user)
            .filter(choice -> NotificationChoices.WEBHOOK.equals(choice.channel()))
            .map(NotificationPreferences.Stored::webhookSecret);
    if (secret.isEmpty()) {
      return new Attempt.Refused("the user has no webhook any more, so no secret to sign with");
    }
    byte[] body =
        json.writeValueAsBytes(
            new Body(
                ended.deliveryId(),
                ended.requestId(),
                ended.status(),
                ended.statusReason(),
                ended.stages(),
                ended.responseUrl()));
    Duration timeout = properties.webhook().timeout();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Airlock")
            .header(DELIVERY, ended.deliveryId().toString())
            .header(SIGNATURE, signature(secret.get(), clock.instant().getEpochSecond(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    CompletableFuture<HttpResponse<Void>> call =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      // Connecting and being answered each within the timeout; the whole call within both.
      int status = call.get(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS).statusCode();
      if (status >= 200 && status < 300) {
        return new Attempt.Sent();
      }
      if (status >= 300 && status < 400) {
        return new Attempt.Failed("answered " + status + ", a redirect, which is not followed");
      }
      return new Attempt.Failed("answered " + status);
    } catch (TimeoutException e) {
      call.cancel(true);
      return new Attempt.Failed("no answer within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return new Attempt.Failed("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Attempt.Failed(
          cause instanceof IOException && cause.getMessage() != null
              ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
              : cause.toString());
    }
  }

  /** {@code t=<seconds>,v1=<lowercase hex HMAC-SHA256 of "<seconds>.<body>" with the secret>}. */
  static String signature(String secret, long seconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
      return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
