package io.airlock.requestside.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.requests.RequestExports;
import io.airlock.requestside.requests.SignedInRequester;
import io.airlock.transfer.records.FailureRecord;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests ended the way the side ends them (a result or a failure imported from the inbox, the
 * expiry), and what their owners then receive: an email in GreenMail, a signed webhook in a local
 * HTTP server; with retries after a failure, under the same delivery id, until the last attempt.
 * The sender runs on its schedule, every 50 ms here, and retries after 100 ms, then 200 ms.
 */
@RequestSideIntegrationTest
class NotificationDeliveryIntegrationTests extends SignedInRequester {

  static final String PUBLIC_URL = "https://airlock.example.org";
  static final int ATTEMPTS = 3;
  static final Duration WAIT = Duration.ofSeconds(20);

  static final WebhookReceiver RECEIVER = new WebhookReceiver();

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void notifications(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    registry.add("airlock.notifications.public-url", () -> PUBLIC_URL);
    registry.add("airlock.notifications.email.from", () -> "airlock@example.org");
    registry.add("airlock.notifications.webhook.allowed-urls", RECEIVER::base);
    registry.add("airlock.notifications.delivery.interval", () -> "50ms");
    registry.add("airlock.notifications.delivery.attempts", () -> ATTEMPTS);
    registry.add("airlock.notifications.delivery.first-retry", () -> "100ms");
  }

  @AfterAll
  static void stopReceiver() {
    RECEIVER.close();
  }

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired RequestExports exports;
  @Autowired MeterRegistry meters;
  RequestEndings endings;

  @BeforeEach
  void endings() {
    endings = new RequestEndings(requests, importer, folders, exports, jdbc);
  }

  @Test
  void emailsTheOwnerALinkToTheRequestsPageWhenItsResultArrives() throws Exception {
    choose(Map.of("channel", "email"));
    double sentBefore = count("email", "sent");
    UUID id = endings.exported(token);

    endings.complete(id);

    MimeMessage message = await().atMost(WAIT).until(() -> mailTo(user.email()), m -> m != null);
    assertThat(message.getSubject()).isEqualTo("Your Airlock request has completed");
    assertThat(message.getFrom()[0].toString()).isEqualTo("airlock@example.org");
    assertThat(GreenMailUtil.getBody(message))
        .contains("Your request " + id + " has completed.")
        .contains(PUBLIC_URL + "/console/requests/" + id);
    Map<String, Object> delivery = awaitDelivery(id, "sent");
    assertThat(delivery).containsEntry("channel", "email").containsEntry("attempts", 1);
    assertThat(delivery.get("target")).isEqualTo(user.email());
    assertThat(count("email", "sent")).isEqualTo(sentBefore + 1);
  }

  @Test
  void postsAWebhookSignedWithTheUsersSecretWhenARequestFails() throws Exception {
    String secret = "a secret of the user's own".replace(' ', '-');
    String path = "/hooks/failed-" + user.id();
    choose(Map.of("channel", "webhook", "webhook_url", url(path), "webhook_secret", secret));
    UUID id = endings.exported(token);

    endings.end(id, FailureRecord.Outcome.FAILED);

    WebhookReceiver.Call call = awaitCalls(path, 1).get(0);
    assertSignedWith(secret, call);
    assertThat(call.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JsonMapper.shared().readTree(call.body());
    Map<String, Object> delivery = awaitDelivery(id, "sent");
    assertThat(body.get("delivery_id").asString()).isEqualTo(delivery.get("id").toString());
    assertThat(call.header("X-Airlock-Delivery")).isEqualTo(delivery.get("id").toString());
    assertThat(body.get("request_id").asString()).isEqualTo(id.toString());
    assertThat(body.get("status").asString()).isEqualTo("failed");
    assertThat(body.get("status_reason").asString()).isEqualTo(RequestEndings.REASON);
    assertThat(Instant.parse(body.get("stages").get("received").asString()))
        .isEqualTo(RequestEndings.RECEIVED);
    assertThat(body.get("stages").get("submitted").isNull()).isFalse();
    assertThat(body.get("stages").get("executed").isNull()).isTrue();
    assertThat(body.get("response_url").isNull()).isTrue();
  }

  @Test
  void triesAgainAfterA500UnderTheSameDeliveryIdUntilTheWebhookTakesIt() throws Exception {
    String path = "/hooks/retried-" + user.id();
    RECEIVER.answer(path, new WebhookReceiver.Answer(500, null));
    double retriesBefore = count("webhook", "retry");
    Map<?, ?> chosen = choose(Map.of("channel", "webhook", "webhook_url", url(path)));
    String generated = (String) chosen.get("webhook_secret");
    UUID id = endings.exported(token);

    endings.complete(id);

    List<WebhookReceiver.Call> calls = awaitCalls(path, 2);
    Map<String, Object> delivery = awaitDelivery(id, "sent");
    assertThat(delivery).containsEntry("attempts", 2).containsEntry("last_error", "answered 500");
    for (WebhookReceiver.Call call : calls) {
      assertSignedWith(generated, call);
      JsonNode body = JsonMapper.shared().readTree(call.body());
      assertThat(body.get("delivery_id").asString()).isEqualTo(delivery.get("id").toString());
      assertThat(body.get("status").asString()).isEqualTo("completed");
      assertThat(body.get("response_url").asString())
          .isEqualTo(PUBLIC_URL + "/requests/" + id + "/response");
    }
    assertThat(count("webhook", "retry")).isEqualTo(retriesBefore + 1);
  }

  @Test
  void givesTheDeliveryUpAsDeadAfterItsLastAttemptAndFollowsNoRedirect() throws Exception {
    String path = "/hooks/dead-" + user.id();
    String elsewhere = "/hooks/elsewhere-" + user.id();
    RECEIVER.answer(
        path,
        new WebhookReceiver.Answer(500, null),
        new WebhookReceiver.Answer(503, null),
        new WebhookReceiver.Answer(307, url(elsewhere)));
    double deadBefore = count("webhook", "dead");
    choose(Map.of("channel", "webhook", "webhook_url", url(path)));
    UUID id = endings.exported(token);

    endings.end(id, FailureRecord.Outcome.EXPIRED);

    Map<String, Object> delivery = awaitDelivery(id, "dead");
    assertThat(delivery)
        .containsEntry("attempts", ATTEMPTS)
        .containsEntry("last_error", "answered 307, a redirect, which is not followed");
    assertThat(RECEIVER.callsTo(path)).hasSize(ATTEMPTS);
    Thread.sleep(300); // another run or two of the sender: nothing more goes out
    assertThat(RECEIVER.callsTo(path)).hasSize(ATTEMPTS);
    assertThat(RECEIVER.callsTo(elsewhere)).isEmpty();
    assertThat(count("webhook", "dead")).isEqualTo(deadBefore + 1);
  }

  @Test
  void refusesAtDeliveryAWebhookTheAdministratorNoLongerAllows() {
    String path = "/hooks/removed-" + user.id();
    choose(Map.of("channel", "webhook", "webhook_url", url(path)));
    // As if the administrator had since narrowed the allowed URLs: the stored URL is outside them.
    String outside = "http://127.0.0.1:1/hooks/removed";
    jdbc.sql("update notification_preferences set webhook_url = :url where user_id = :user")
        .param("url", outside)
        .param("user", user.id())
        .update();

    UUID id = endings.expired(token);

    Map<String, Object> delivery = awaitDelivery(id, "dead");
    assertThat(delivery)
        .containsEntry("request_status", "expired")
        .containsEntry("target", outside)
        .containsEntry("attempts", 1);
    assertThat((String) delivery.get("last_error"))
        .isEqualTo(
            "the webhook URL "
                + outside
                + " is not under a URL the administrator allows ("
                + RECEIVER.base()
                + ")");
    assertThat(RECEIVER.callsTo(path)).isEmpty();
  }

  @Test
  void tellsNobodyOfACancelledRequestNorAnOwnerWhoChoseNone() throws Exception {
    choose(Map.of("channel", "webhook", "webhook_url", url("/hooks/cancelled-" + user.id())));
    UUID cancelled = endings.exported(token);
    endings.end(cancelled, FailureRecord.Outcome.CANCELLED);
    choose(Map.of("channel", "none"));
    UUID unheard = endings.exported(token);
    endings.complete(unheard);

    assertThat(status(cancelled)).isEqualTo("cancelled");
    assertThat(status(unheard)).isEqualTo("completed");
    assertThat(deliveriesOf(cancelled)).isZero();
    assertThat(deliveriesOf(unheard)).isZero();
  }

  private Map<?, ?> choose(Map<String, Object> choice) {
    return client
        .put()
        .uri("/users/me/notifications")
        .header("Authorization", "Bearer " + token)
        .body(choice)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private static String url(String path) {
    return RECEIVER.base() + path.substring("/hooks/".length());
  }

  private List<WebhookReceiver.Call> awaitCalls(String path, int count) {
    return await().atMost(WAIT).until(() -> RECEIVER.callsTo(path), calls -> calls.size() >= count);
  }

  private Map<String, Object> awaitDelivery(UUID request, String status) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select * from notification_deliveries where request_id = :id")
                    .param("id", request)
                    .query()
                    .listOfRows(),
            rows -> rows.size() == 1 && status.equals(rows.get(0).get("status")))
        .get(0);
  }

  private long deliveriesOf(UUID request) {
    return jdbc.sql("select count(*) from notification_deliveries where request_id = :id")
        .param("id", request)
        .query(Long.class)
        .single();
  }

  private String status(UUID request) {
    return jdbc.sql("select status from requests where id = :id")
        .param("id", request)
        .query(String.class)
        .single();
  }

  private MimeMessage mailTo(String address) throws Exception {
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .anyMatch(to -> to.toString().equals(address))) {
        return message;
      }
    }
    return null;
  }

  private double count(String channel, String outcome) {
    return meters
        .get("airlock.notifications")
        .tag("channel", channel)
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  /** Checks the signature as a receiver would: Stripe's scheme, with the secret, and fresh. */
  private static void assertSignedWith(String secret, WebhookReceiver.Call call) throws Exception {
    String header = call.header("X-Airlock-Signature");
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
    String seconds = header.substring(2, header.indexOf(','));
    String signature = header.substring(header.indexOf("v1=") + 3);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal((seconds + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(signature).isEqualTo(expected);
    assertThat(Duration.between(Instant.ofEpochSecond(Long.parseLong(seconds)), Instant.now()))
        .isLessThan(Duration.ofMinutes(1));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
