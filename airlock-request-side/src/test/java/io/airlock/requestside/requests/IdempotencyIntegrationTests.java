package io.airlock.requestside.requests;

import static io.airlock.requestside.requests.RequestFixture.search;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.ratelimit.QuotaHeaders;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code Idempotency-Key} on {@code POST /requests}: a retry gets the original answer and stores
 * nothing, whatever the timing, and a key reused for another request is refused.
 */
@RequestSideIntegrationTest
class IdempotencyIntegrationTests extends SignedInRequester {

  private static final Map<String, Object> QUESTION =
      search("logs", "{\"query\":{\"match\":{\"title\":\"gap\"}}}", 1);

  @Test
  void aRetryWithTheSameKeyGetsTheOriginalAnswerAndStoresNothingMore() {
    String key = "\"" + UUID.randomUUID() + "\"";
    EntityExchangeResult<Map> first = submit(key, QUESTION, 202);
    long stored = requests.requestsOf(user);

    EntityExchangeResult<Map> retry = submit(key, QUESTION, 202);

    assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
    assertThat(retry.getResponseHeaders().getLocation())
        .isEqualTo(first.getResponseHeaders().getLocation());
    assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
    assertThat(retry.getResponseHeaders().getFirst(QuotaHeaders.REMAINING))
        .as("a replay takes nothing from the quota")
        .isNull();
    assertThat(requests.requestsOf(user)).isEqualTo(stored);
  }

  @Test
  void theKeyMayBeSentUnquotedAndIsTheSameKeyQuoted() {
    String key = UUID.randomUUID().toString();
    EntityExchangeResult<Map> first = submit(key, QUESTION, 202);

    assertThat(submit("\"" + key + "\"", QUESTION, 202).getResponseBody())
        .isEqualTo(first.getResponseBody());
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedWith422() {
    String key = UUID.randomUUID().toString();
    submit(key, QUESTION, 202);
    long stored = requests.requestsOf(user);

    EntityExchangeResult<Map> refused =
        submit(key, search("logs", "{\"query\":{\"match\":{\"title\":\"other\"}}}", 1), 422);

    assertThat(refused.getResponseHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) refused.getResponseBody().get("detail")).contains("different request");
    assertThat(requests.requestsOf(user)).isEqualTo(stored);
  }

  @Test
  void anotherUsersKeyIsAnotherKey() {
    String key = UUID.randomUUID().toString();
    EntityExchangeResult<Map> mine = submit(key, QUESTION, 202);
    String theirs = users.accessToken(requests.user());

    EntityExchangeResult<Map> their =
        post(theirs, key, QUESTION)
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult();

    assertThat(their.getResponseBody().get("id")).isNotEqualTo(mine.getResponseBody().get("id"));
  }

  @Test
  void aKeyOlderThanADayMakesANewRequest() {
    String key = UUID.randomUUID().toString();
    Object first = submit(key, QUESTION, 202).getResponseBody().get("id");
    jdbc.sql("update idempotency_keys set created_at = :old where owner_id = :owner and key = :key")
        .param("old", Timestamp.from(Instant.now().minus(Duration.ofHours(25))))
        .param("owner", user.id())
        .param("key", key)
        .update();

    Object second = submit(key, QUESTION, 202).getResponseBody().get("id");

    assertThat(second).isNotEqualTo(first);
    // ...and the key now stands for the new request.
    assertThat(submit(key, QUESTION, 202).getResponseBody().get("id")).isEqualTo(second);
  }

  @Test
  void refusesAKeyThatIsEmptyTooLongOrNotPrintable() {
    for (String bad : List.of("\"\"", "k".repeat(256), "tab\tin it")) {
      assertThat((String) submit(bad, QUESTION, 400).getResponseBody().get("detail"))
          .contains(IdempotencyKey.HEADER);
    }
  }

  @Test
  void concurrentCallsWithOneKeyStoreOneRequestAndTheOthersAreToldToWaitOrGetItsAnswer()
      throws Exception {
    String key = UUID.randomUUID().toString();
    long before = requests.requestsOf(user);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<EntityExchangeResult<Map>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(
            callers.submit(
                () -> {
                  start.await();
                  return post(token, key, QUESTION).expectBody(Map.class).returnResult();
                }));
      }
      start.countDown();

      List<Object> ids = new ArrayList<>();
      for (Future<EntityExchangeResult<Map>> call : calls) {
        EntityExchangeResult<Map> answer = call.get(30, TimeUnit.SECONDS);
        assertThat(answer.getStatus().value()).isIn(202, 409);
        if (answer.getStatus().value() == 202) {
          ids.add(answer.getResponseBody().get("id"));
        }
      }
      assertThat(ids).isNotEmpty().allMatch(id -> id.equals(ids.get(0)));
      assertThat(requests.requestsOf(user)).isEqualTo(before + 1);
    } finally {
      callers.shutdownNow();
    }
  }

  private EntityExchangeResult<Map> submit(String key, Map<String, Object> body, int status) {
    return post(token, key, body)
        .expectStatus()
        .isEqualTo(status)
        .expectBody(Map.class)
        .returnResult();
  }

  private RestTestClient.ResponseSpec post(String bearer, String key, Map<String, Object> body) {
    return client
        .post()
        .uri("/requests")
        .header("Authorization", "Bearer " + bearer)
        .header(IdempotencyKey.HEADER, key)
        .body(body)
        .exchange();
  }
}
