package io.airlock.requestside.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.requests.SignedInRequester;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code /users/me/notifications}: the choice, the webhook's secret shown only when generated, and
 * every refusal a 400 problem naming the field and why.
 */
@NotificationsConfigured
class NotificationChoiceIntegrationTests extends SignedInRequester {

  @Test
  void startsWithNoneAndSaysWhatThisSideOffers() {
    get()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.channel")
        .isEqualTo("none")
        .jsonPath("$.email")
        .isEqualTo(user.email())
        .jsonPath("$.email_available")
        .isEqualTo(true)
        .jsonPath("$.allowed_webhook_urls[0]")
        .isEqualTo(NotificationsConfigured.ALLOWED)
        .jsonPath("$.webhook_secret_set")
        .isEqualTo(false);
  }

  @Test
  void choosesEmailThenNoneAgain() {
    put(Map.of("channel", "email"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.channel")
        .isEqualTo("email");
    get().expectBody().jsonPath("$.channel").isEqualTo("email");

    put(Map.of("channel", "none")).expectStatus().isOk();

    get().expectBody().jsonPath("$.channel").isEqualTo("none").jsonPath("$.webhook_url").isEmpty();
  }

  @Test
  void generatesASecretForANewWebhookAndShowsItThisOnceOnly() {
    String url = NotificationsConfigured.ALLOWED + "airlock?team=ops";
    Map<?, ?> chosen = body(put(Map.of("channel", "webhook", "webhook_url", url)));
    String secret = (String) chosen.get("webhook_secret");

    assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
    assertThat(chosen.get("webhook_url")).isEqualTo(url);
    get()
        .expectBody()
        .jsonPath("$.channel")
        .isEqualTo("webhook")
        .jsonPath("$.webhook_url")
        .isEqualTo(url)
        .jsonPath("$.webhook_secret_set")
        .isEqualTo(true)
        .jsonPath("$.webhook_secret")
        .isEmpty();
    assertThat(storedSecret()).isEqualTo(secret);

    // Another URL keeps the secret; a new one is generated on demand, and replaces it.
    Map<?, ?> moved =
        body(put(Map.of("channel", "webhook", "webhook_url", NotificationsConfigured.ALLOWED)));
    assertThat(moved.get("webhook_secret")).isNull();
    assertThat(storedSecret()).isEqualTo(secret);
    Map<?, ?> renewed =
        body(
            client
                .post()
                .uri("/users/me/notifications/webhook-secret")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk());
    assertThat((String) renewed.get("webhook_secret")).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(storedSecret()).isEqualTo(renewed.get("webhook_secret"));
    assertThat(
            jdbc.sql(
                    """
                    select string_agg(action || ' ' || coalesce(detail, ''), ', ' order by id)
                    from audit_logs where resource = :resource and action like 'notifications.%'""")
                .param("resource", "user:" + user.username())
                .query(String.class)
                .single())
        .isEqualTo(
            "notifications.change webhook "
                + url
                + ", notifications.change webhook "
                + NotificationsConfigured.ALLOWED
                + ", notifications.new-secret ")
        .doesNotContain(secret);
  }

  @Test
  void takesTheUsersOwnSecret() {
    Map<?, ?> chosen =
        body(
            put(
                Map.of(
                    "channel",
                    "webhook",
                    "webhook_url",
                    NotificationsConfigured.ALLOWED,
                    "webhook_secret",
                    "my-own-secret-of-some-length")));

    assertThat(chosen.get("webhook_secret")).isNull();
    assertThat(chosen.get("webhook_secret_set")).isEqualTo(true);
    assertThat(storedSecret()).isEqualTo("my-own-secret-of-some-length");
  }

  @Test
  void refusesAWebhookOutsideTheAllowedUrlsSayingWhy() {
    for (String outside :
        List.of(
            "https://internal.example.net/hook",
            "https://hooks.example.org.evil.net/",
            "https://hooks.example.org@evil.net/",
            "http://hooks.example.org/",
            "https://hooks.example.org:8443/",
            "http://127.0.0.1:9/other/",
            "http://127.0.0.1:9/hooks/../admin")) {
      refused(Map.of("channel", "webhook", "webhook_url", outside), "webhook_url")
          .jsonPath("$.detail")
          .value(
              String.class,
              detail -> assertThat(detail).startsWith("Invalid request: webhook_url "));
    }
    refused(
            Map.of("channel", "webhook", "webhook_url", "https://internal.example.net/hook"),
            "webhook_url")
        .jsonPath("$.errors[0].message")
        .isEqualTo(
            "is not under a URL the administrator allows ("
                + NotificationsConfigured.ALLOWED
                + ", "
                + NotificationsConfigured.UNREACHABLE
                + ")");
    refused(Map.of("channel", "webhook", "webhook_url", "ftp://hooks.example.org/"), "webhook_url");
    refused(Map.of("channel", "webhook", "webhook_url", "not a url"), "webhook_url");
    get().expectBody().jsonPath("$.channel").isEqualTo("none");
  }

  @Test
  void refusesWhatItCannotTakeNamingTheField() {
    refused(Map.of("channel", "pigeon"), "channel")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must be one of none, email, webhook");
    refused(Map.of(), "channel");
    refused(Map.of("channel", "webhook"), "webhook_url")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must be given for a webhook");
    refused(
            Map.of(
                "channel",
                "webhook",
                "webhook_url",
                NotificationsConfigured.ALLOWED,
                "webhook_secret",
                "too short"),
            "webhook_secret")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must be 16 to 200 printable characters without spaces");
    Map<String, Object> longUrl = new HashMap<>();
    longUrl.put("channel", "webhook");
    longUrl.put("webhook_url", NotificationsConfigured.ALLOWED + "x".repeat(2_001));
    refused(longUrl, "webhook_url");
    client
        .post()
        .uri("/users/me/notifications/webhook-secret")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("channel");
    client
        .put()
        .uri("/users/me/notifications")
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"channel\":")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void refusesEmailToAUserWithoutAnAddress() {
    jdbc.sql("update users set email = null where id = :id").param("id", user.id()).update();

    refused(Map.of("channel", "email"), "channel")
        .jsonPath("$.errors[0].message")
        .isEqualTo("email needs an email address in your account");
  }

  @Test
  void isTheCallersOwnAndNeedsCredentials() {
    client.get().uri("/users/me/notifications").exchange().expectStatus().isUnauthorized();
  }

  private RestTestClient.ResponseSpec get() {
    return client
        .get()
        .uri("/users/me/notifications")
        .header("Authorization", "Bearer " + token)
        .exchange();
  }

  private RestTestClient.ResponseSpec put(Map<String, ?> body) {
    return client
        .put()
        .uri("/users/me/notifications")
        .header("Authorization", "Bearer " + token)
        .body(body)
        .exchange();
  }

  private RestTestClient.BodyContentSpec refused(Map<String, ?> body, String field) {
    return put(body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo(field);
  }

  private static Map<?, ?> body(RestTestClient.ResponseSpec response) {
    return response.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
  }

  private String storedSecret() {
    return jdbc.sql("select webhook_secret from notification_preferences where user_id = :id")
        .param("id", user.id())
        .query(String.class)
        .single();
  }
}
