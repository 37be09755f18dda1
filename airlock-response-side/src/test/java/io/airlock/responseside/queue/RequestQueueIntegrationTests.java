package io.airlock.responseside.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.transfer.records.QueryType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@ResponseSideIntegrationTest
class RequestQueueIntegrationTests {

  private static final String QUERY = "{\"query\":{\"match_all\":{}}}";
  private static final Duration LEASE = Duration.ofMinutes(1);

  @Autowired RequestQueue queue;
  @Autowired JdbcClient jdbc;
  QueueFixture fixture;

  @BeforeEach
  void emptyQueue() {
    fixture = new QueueFixture(jdbc);
    fixture.drain();
  }

  @Test
  void claimsHighestPriorityFirstThenOldestSeveralAtATime() {
    UUID lowOld = fixture.enqueue("incidents", QueryType.SEARCH, QUERY, 1);
    UUID highOld = fixture.enqueue("incidents", QueryType.SEARCH, QUERY, 5);
    UUID lowNew = fixture.enqueue("incidents", QueryType.SEARCH, QUERY, 1);
    UUID highNew = fixture.enqueue("incidents", QueryType.SEARCH, QUERY, 5);
    UUID middle = fixture.enqueue("incidents", QueryType.SEARCH, QUERY, 3);

    List<ClaimedRequest> first = queue.claim("worker-a", 3, LEASE);
    List<ClaimedRequest> second = queue.claim("worker-b", 3, LEASE);

    assertThat(first)
        .extracting(ClaimedRequest::requestId)
        .containsExactly(highOld, highNew, middle);
    assertThat(second).extracting(ClaimedRequest::requestId).containsExactly(lowOld, lowNew);
    assertThat(queue.claim("worker-c", 3, LEASE)).isEmpty();
    assertThat(fixture.request(highOld))
        .containsEntry("status", "processing")
        .containsEntry("lease_owner", "worker-a")
        .containsEntry("attempts", 1);
    assertThat(fixture.request(highOld).get("lease_until")).isNotNull();
    assertThat(fixture.request(highOld).get("started_at")).isNotNull();
    assertThat(first.get(0).queryParams()).isEqualTo(JsonMapper.shared().readTree(QUERY));
    assertThat(first.get(0).cacheKey()).hasSize(64);
  }

  @Test
  void takesARequestAgainWhenItsWorkersLeaseRanOutAndRefusesTheDeadWorkersLateAnswer() {
    UUID id = fixture.enqueue("incidents", QueryType.COUNT, "{}", 0);
    ClaimedRequest dead = queue.claim("dead-worker", 1, LEASE).get(0);

    assertThat(queue.claim("live-worker", 1, LEASE)).as("lease still held").isEmpty();
    jdbc.sql(
            "update incoming_requests set lease_until = now() - interval '1 second'"
                + " where request_id = :id")
        .param("id", id)
        .update();
    List<ClaimedRequest> retaken = queue.claim("live-worker", 1, LEASE);

    assertThat(retaken).extracting(ClaimedRequest::requestId).containsExactly(id);
    assertThat(retaken.get(0).attempts()).isEqualTo(2);
    assertThat(queue.complete(dead, answer("{\"count\":1}"))).isFalse();
    assertThat(queue.fail(dead, "search_failed", "late")).isFalse();
    assertThat(queue.retryLater(dead, Duration.ZERO, "search_unavailable", "late")).isFalse();
    assertThat(fixture.answer(id)).isEmpty();
    assertThat(fixture.request(id)).containsEntry("lease_owner", "live-worker");

    assertThat(queue.complete(retaken.get(0), answer("{\"count\":2}"))).isTrue();
    assertThat(fixture.status(id)).isEqualTo("completed");
    assertThat(fixture.answer(id))
        .containsEntry("outcome", "completed")
        .containsEntry("result", "{\"count\": 2}");
  }

  @Test
  void aRenewedLeaseOutlastsItsFirstTermAndATakenOverOneCannotBeRenewed() {
    UUID kept = fixture.enqueue("incidents", QueryType.COUNT, "{}", 2);
    UUID lost = fixture.enqueue("incidents", QueryType.COUNT, "{}", 1);
    List<ClaimedRequest> claim = queue.claim("slow-worker", 2, Duration.ofMillis(300));

    fixture.passLeaseTime(Duration.ofMillis(150));
    assertThat(queue.start(claim.get(0), LEASE)).isPresent();
    fixture.passLeaseTime(Duration.ofMillis(300));
    List<ClaimedRequest> other = queue.claim("other-worker", 2, LEASE);

    assertThat(other).extracting(ClaimedRequest::requestId).containsExactly(lost);
    assertThat(fixture.request(kept)).containsEntry("lease_owner", "slow-worker");
    assertThat(queue.start(claim.get(1), LEASE)).as("taken over while it waited").isEmpty();
  }

  @Test
  void countsARunOnlyWhenTheRequestStartsNotWhenADeadWorkersClaimHeldIt() {
    UUID started = fixture.enqueue("incidents", QueryType.COUNT, "{}", 2);
    UUID waiting = fixture.enqueue("incidents", QueryType.COUNT, "{}", 1);
    List<ClaimedRequest> claim = queue.claim("dying-worker", 2, Duration.ofMillis(200));
    assertThat(queue.start(claim.get(0), Duration.ofMillis(200)))
        .get()
        .extracting(ClaimedRequest::runs)
        .isEqualTo(1);
    fixture.passLeaseTime(Duration.ofMillis(400)); // the worker died running the first

    List<ClaimedRequest> retaken = queue.claim("live-worker", 2, LEASE);

    assertThat(retaken)
        .extracting(ClaimedRequest::requestId, ClaimedRequest::attempts, ClaimedRequest::runs)
        .containsExactly(tuple(started, 2, 1), tuple(waiting, 2, 0));
    assertThat(queue.start(retaken.get(1), LEASE))
        .get()
        .extracting(ClaimedRequest::runs)
        .isEqualTo(1);
  }

  @Test
  void aFinishedRequestKeepsNoOwnerSoItsOwnClaimCanNeitherRestartNorSettleItAgain() {
    UUID id = fixture.enqueue("incidents", QueryType.COUNT, "{}", 0);
    ClaimedRequest claim = queue.claim("worker", 1, LEASE).get(0);
    assertThat(queue.startAll(List.of(claim), LEASE)).hasSize(1);

    assertThat(queue.complete(claim, answer("{\"count\":1}"))).isTrue();

    assertThat(fixture.request(id))
        .containsEntry("status", "completed")
        .containsEntry("lease_owner", null);
    assertThat(queue.startAll(List.of(claim), LEASE)).isEmpty();
    assertThat(queue.complete(claim, answer("{\"count\":2}"))).isFalse();
    assertThat(fixture.answer(id)).containsEntry("result", "{\"count\": 1}");
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "update incoming_requests set status = 'processing', lease_owner = null"
                            + " where request_id = :id")
                    .param("id", id)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("incoming_requests_lease_held_while_processing");
  }

  @Test
  void refusesASettlementFromTheSameOwnerForAnEarlierClaim() {
    UUID id = fixture.enqueue("incidents", QueryType.COUNT, "{}", 0);
    ClaimedRequest earlier = queue.claim("worker", 1, Duration.ofMillis(100)).get(0);
    fixture.passLeaseTime(Duration.ofMillis(250));
    ClaimedRequest later = queue.claim("worker", 1, LEASE).get(0);

    assertThat(queue.fail(earlier, "search_failed", "from the first claim")).isFalse();
    assertThat(queue.fail(later, "search_failed", "from the second claim")).isTrue();
    assertThat(fixture.answer(id)).containsEntry("reason_detail", "from the second claim");
  }

  @Test
  void answersARequestClaimedAfterItsDeadlineAsExpiredInsteadOfReturningIt() {
    UUID overdue =
        fixture.enqueue(
            "incidents", QueryType.SEARCH, QUERY, 9, Instant.now().minus(Duration.ofMinutes(1)));
    UUID timely =
        fixture.enqueue(
            "incidents", QueryType.SEARCH, QUERY, 0, Instant.now().plus(Duration.ofHours(1)));

    List<ClaimedRequest> claimed = queue.claim("worker", 10, LEASE);

    assertThat(claimed).extracting(ClaimedRequest::requestId).containsExactly(timely);
    assertThat(fixture.request(overdue))
        .containsEntry("status", "expired")
        .containsEntry("reason_code", RequestQueue.DEADLINE_PASSED);
    assertThat(fixture.request(overdue).get("finished_at")).isNotNull();
    assertThat(fixture.answer(overdue))
        .containsEntry("outcome", "expired")
        .containsEntry("reason_code", "deadline_passed");
  }

  @Test
  void retryLaterQueuesTheRequestUntilItsNextAttemptIsDue() {
    UUID id = fixture.enqueue("incidents", QueryType.COUNT, "{}", 0);
    ClaimedRequest claimed = queue.claim("worker", 1, LEASE).get(0);

    assertThat(queue.retryLater(claimed, Duration.ofMinutes(5), "search_unavailable", "down"))
        .isTrue();

    assertThat(queue.claim("worker", 1, LEASE)).as("not due yet").isEmpty();
    assertThat(fixture.request(id))
        .containsEntry("status", "queued")
        .containsEntry("attempts", 1)
        .containsEntry("reason_code", "search_unavailable")
        .containsEntry("lease_owner", null);
    fixture.readyNow(id);
    assertThat(queue.claim("worker", 1, LEASE).get(0).attempts()).isEqualTo(2);
  }

  @Test
  void releaseGivesAnUnstartedRequestBackAsIfNeverClaimed() {
    UUID id = fixture.enqueue("incidents", QueryType.COUNT, "{}", 0);
    ClaimedRequest claimed = queue.claim("worker", 1, LEASE).get(0);

    assertThat(queue.release(claimed)).isTrue();

    assertThat(fixture.request(id)).containsEntry("status", "queued").containsEntry("attempts", 0);
    assertThat(queue.claim("other", 1, LEASE)).extracting(ClaimedRequest::requestId).contains(id);
  }

  private static Answer answer(String result) {
    return new Answer(JsonMapper.shared().readTree(result), "sha", 10, 1, false);
  }
}
