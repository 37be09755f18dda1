package io.airlock.requestside.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.notifications.NotificationsConfigured;
import io.airlock.requestside.notifications.RequestEndings;
import io.airlock.requestside.requests.RequestExports;
import io.airlock.requestside.requests.SignedInRequester;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** {@code /admin/notifications}: the deliveries by status, for admins only. */
@NotificationsConfigured
class AdminNotificationApiIntegrationTests extends SignedInRequester {

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired RequestExports exports;

  @Test
  void listsTheDeliveriesByStatusForAdminsOnly() {
    client
        .put()
        .uri("/users/me/notifications")
        .header("Authorization", "Bearer " + token)
        .body(Map.of("channel", "email"))
        .exchange()
        .expectStatus()
        .isOk();
    UUID ended = new RequestEndings(requests, importer, folders, exports, jdbc).expired(token);
    String admin = "Bearer " + users.accessToken(users.create("admin", true));

    // The mail server does not answer: the delivery waits for its next attempt, saying why.
    Map<?, ?> pending =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> find(admin, "pending", ended),
                row -> row != null && row.get("last_error") != null);
    assertThat(pending.get("channel")).isEqualTo("email");
    assertThat(pending.get("target")).isEqualTo(user.email());
    assertThat(pending.get("request_status")).isEqualTo("expired");
    assertThat(pending.get("attempts")).isEqualTo(1);
    assertThat(pending.get("next_attempt_at")).isNotNull();
    assertThat(find(admin, "sent", ended)).isNull();

    client
        .get()
        .uri("/admin/notifications?status=maybe")
        .header("Authorization", admin)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("status");
    client
        .get()
        .uri("/admin/notifications")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  /** The delivery of the request among those of that status, or null. */
  private Map<?, ?> find(String admin, String status, UUID request) {
    Map<?, ?> page =
        client
            .get()
            .uri("/admin/notifications?status={status}&size=200", status)
            .header("Authorization", admin)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<?>) page.get("items"))
        .stream()
            .map(item -> (Map<?, ?>) item)
            .filter(item -> item.get("request_id").equals(request.toString()))
            .findFirst()
            .orElse(null);
  }
}
