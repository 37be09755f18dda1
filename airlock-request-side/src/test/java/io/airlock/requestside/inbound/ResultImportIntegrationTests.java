package io.airlock.requestside.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.requests.SignedInRequester;
import io.airlock.transfer.Channel;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.RejectionReason;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.ResultRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Results and failures from the response side, published as signed batches into the inbox. */
@RequestSideIntegrationTest
class ResultImportIntegrationTests extends SignedInRequester {

  static final String RESULT = "{\"hits\":{\"total\":{\"value\":3},\"hits\":[{\"_id\":\"x\"}]}}";
  static final Instant RECEIVED = Instant.parse("2026-11-22T08:00:00Z");
  static final Instant EXECUTED = Instant.parse("2026-11-22T08:00:02Z");

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  TestPeer peer;

  @BeforeEach
  void peer() {
    peer = new TestPeer(folders.inbox(), "response");
  }

  @Test
  void storesTheResultAndCompletesTheRequestWithTheStagesOfBothClocks() throws IOException {
    UUID id = exportedRequest();
    String sha = "ab".repeat(32);
    EncodedBatch batch = peer.publish(Channel.RESULTS, result(id, sha));

    assertThat(importer.importNow())
        .containsExactly(new ImportOutcome.Imported(batch.manifest(), 1, 0));

    Map<?, ?> status = body("/requests/{id}/status", id);
    assertThat(status.get("status")).isEqualTo("completed");
    Map<?, ?> stages = (Map<?, ?>) status.get("stages");
    assertThat(instant(stages, "received")).isEqualTo(RECEIVED);
    assertThat(instant(stages, "executed")).isEqualTo(EXECUTED);
    assertThat(instant(stages, "result_exported")).isEqualTo(batch.manifest().createdAt());
    assertThat(instant(stages, "result_received")).isAfterOrEqualTo(instant(stages, "exported"));
    requests
        .get(token, "/requests/{id}/response", id)
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("ETag", "W/\"" + sha + "\"")
        .expectBody()
        .jsonPath("$.result.hits.total.value")
        .isEqualTo(3)
        .jsonPath("$.execution_ms")
        .isEqualTo(17)
        .jsonPath("$.cache_hit")
        .isEqualTo(false);
    client
        .get()
        .uri("/requests/{id}/response", id)
        .header("Authorization", "Bearer " + token)
        .header("If-None-Match", "\"" + sha + "\"")
        .exchange()
        .expectStatus()
        .isNotModified();
    assertThat(audited(id)).containsExactly("success completed");
    assertThat(folders.archive().resolve(batch.manifestFileName())).exists();
  }

  @ParameterizedTest
  @EnumSource(FailureRecord.Outcome.class)
  void endsTheRequestAsTheFailureSaysWithItsReason(FailureRecord.Outcome outcome)
      throws IOException {
    UUID id = exportedRequest();
    peer.publish(Channel.RESULTS, failure(id, outcome));

    importer.importNow();

    Map<?, ?> status = body("/requests/{id}/status", id);
    assertThat(status.get("status")).isEqualTo(outcome.wireName());
    assertThat(status.get("status_reason")).isEqualTo("index_not_allowed: not for you");
    assertThat(instant((Map<?, ?>) status.get("stages"), "received")).isEqualTo(RECEIVED);
    requests
        .get(token, "/requests/{id}/response", id)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.status_of_request")
        .isEqualTo(outcome.wireName());
  }

  @Test
  void quarantinesABatchThatReusesAnAppliedSequenceAndAuditsTheConflict() throws IOException {
    UUID answered = exportedRequest();
    EncodedBatch first = peer.publish(Channel.RESULTS, result(answered, "0a".repeat(32)));
    importer.importNow();
    UUID waiting = exportedRequest();

    // A sender that lost its ledger numbers another batch as the first.
    EncodedBatch reused =
        peer.publish(
            Channel.RESULTS,
            first.manifest().sequence(),
            List.of(),
            result(waiting, "0b".repeat(32)));

    assertThat(importer.importNow()).singleElement().isInstanceOf(ImportOutcome.Conflict.class);
    assertThat(body("/requests/{id}", waiting).get("status")).isEqualTo("exported");
    assertThat(
            jdbc.sql(
                    """
                    select actor, resource, outcome, detail from audit_logs
                    where action = 'transfer.conflict' and detail like :epoch""")
                .param("epoch", "%" + peer.sender().epoch() + "%")
                .query()
                .singleRow())
        .containsEntry("actor", "system:importer")
        .containsEntry("resource", "batch:results/" + first.manifest().sequence())
        .containsEntry("outcome", "failure")
        .hasEntrySatisfying(
            "detail",
            detail ->
                assertThat((String) detail)
                    .contains(first.manifest().payloadSha256())
                    .contains(reused.manifest().payloadSha256()));
  }

  @Test
  void keepsTheFirstAnswerAndAuditsALaterOneAsDuplicate() throws IOException {
    UUID id = exportedRequest();
    peer.publish(Channel.RESULTS, result(id, "01".repeat(32)));
    importer.importNow();

    EncodedBatch again =
        peer.publish(
            Channel.RESULTS,
            result(id, "02".repeat(32)),
            failure(id, FailureRecord.Outcome.FAILED));

    assertThat(importer.importNow())
        .containsExactly(new ImportOutcome.Imported(again.manifest(), 2, 0));
    assertThat(body("/requests/{id}", id).get("status")).isEqualTo("completed");
    requests
        .get(token, "/requests/{id}/response", id)
        .expectHeader()
        .valueEquals("ETag", "W/\"" + "01".repeat(32) + "\"");
    assertThat(audited(id))
        .containsExactly(
            "success completed",
            "failure duplicate: the request is already completed",
            "failure duplicate: the request is already completed");
  }

  @Test
  void takesTwoAnswersToOneRequestInOneBatchOneAfterTheOther() throws IOException {
    UUID id = exportedRequest();
    UUID other = exportedRequest();
    ResultRecord first = result(id, "05".repeat(32));
    ResultRecord again = result(id, "07".repeat(32));
    // The same request, its id spelt in capitals.
    ResultRecord shouted =
        new ResultRecord(
            again.id().toUpperCase(Locale.ROOT),
            again.traceId(),
            again.result(),
            again.executionMs(),
            again.cacheHit(),
            again.resultSha256(),
            again.receivedAt(),
            again.executedAt());
    EncodedBatch batch =
        peer.publish(Channel.RESULTS, first, result(other, "06".repeat(32)), shouted);

    assertThat(importer.importNow())
        .containsExactly(new ImportOutcome.Imported(batch.manifest(), 3, 0));
    requests
        .get(token, "/requests/{id}/response", id)
        .expectHeader()
        .valueEquals("ETag", "W/\"" + "05".repeat(32) + "\"");
    assertThat(audited(id))
        .containsExactly(
            "success completed", "failure duplicate: the request is already completed");
    assertThat(body("/requests/{id}", other).get("status")).isEqualTo("completed");
  }

  @Test
  void refusesAnAnswerForAnUnknownRequestAndAppliesTheRest() throws IOException {
    UUID unknown = UUID.randomUUID();
    UUID id = exportedRequest();
    EncodedBatch batch =
        peer.publish(
            Channel.RESULTS, result(unknown, "03".repeat(32)), result(id, "04".repeat(32)));

    assertThat(importer.importNow())
        .containsExactly(new ImportOutcome.Imported(batch.manifest(), 2, 0));
    assertThat(audited(unknown)).containsExactly("failure unknown request");
    assertThat(
            jdbc.sql("select count(*) from responses where request_id = :id")
                .param("id", unknown)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(body("/requests/{id}", id).get("status")).isEqualTo("completed");
  }

  @Test
  void theResponseSidesAnswerSettlesARequestBeingCancelled() throws IOException {
    UUID completed = exportedRequest();
    UUID cancelled = exportedRequest();
    requests.status(completed, "cancelling");
    requests.status(cancelled, "cancelling");
    peer.publish(
        Channel.RESULTS,
        result(completed, "05".repeat(32)),
        failure(cancelled, FailureRecord.Outcome.CANCELLED));

    importer.importNow();

    assertThat(body("/requests/{id}", completed).get("status")).isEqualTo("completed");
    requests.get(token, "/requests/{id}/response", completed).expectStatus().isOk();
    assertThat(body("/requests/{id}", cancelled).get("status")).isEqualTo("cancelled");
  }

  @Test
  void failsTheRequestOfAnUnreadableResultWithTheReason() throws IOException {
    UUID readable = exportedRequest();
    UUID unreadable = exportedRequest();
    EncodedBatch batch = peer.publish(Channel.RESULTS, result(readable, "06".repeat(32)));
    // A result without its result body: the response side's writer would never produce it.
    peer.rewritePayload(
        batch,
        peer.payload(batch)
            + "{\"type\":\"result\",\"id\":\""
            + unreadable
            + "\",\"execution_ms\":1}\n",
        2);

    List<ImportOutcome> outcomes = importer.importNow();

    assertThat(outcomes).hasSize(1).first().isInstanceOf(ImportOutcome.Imported.class);
    assertThat(((ImportOutcome.Imported) outcomes.get(0)).quarantined()).isEqualTo(1);
    Map<?, ?> status = body("/requests/{id}/status", unreadable);
    assertThat(status.get("status")).isEqualTo("failed");
    assertThat((String) status.get("status_reason"))
        .startsWith("invalid_result_record: ")
        .contains("result");
    assertThat(body("/requests/{id}", readable).get("status")).isEqualTo("completed");
  }

  @Test
  void takesAFreshAnswerForAFailedRequestWhichAnOperatorRanAgain() throws IOException {
    UUID id = exportedRequest();
    peer.publish(Channel.RESULTS, failure(id, FailureRecord.Outcome.FAILED));
    importer.importNow();
    assertThat(body("/requests/{id}/status", id).get("status")).isEqualTo("failed");

    peer.publish(Channel.RESULTS, result(id, "0c".repeat(32)));
    importer.importNow();

    assertThat(body("/requests/{id}/status", id).get("status")).isEqualTo("completed");
    requests.get(token, "/requests/{id}/response", id).expectStatus().isOk();
  }

  @Test
  void rejectsATamperedBatchIntoFailedWithAReasonAndAppliesNothing() throws IOException {
    UUID id = exportedRequest();
    EncodedBatch batch = peer.publish(Channel.RESULTS, result(id, "07".repeat(32)));
    Path payload = folders.inbox().resolve(batch.payloadFileName());
    Files.writeString(payload, Files.readString(payload).replace("\"x\"", "\"y\""));

    List<ImportOutcome> outcomes = importer.importNow();

    assertThat(outcomes).hasSize(1).first().isInstanceOf(ImportOutcome.Rejected.class);
    assertThat(((ImportOutcome.Rejected) outcomes.get(0)).reason())
        .isEqualTo(RejectionReason.CHECKSUM_MISMATCH);
    assertThat(Files.readString(folders.failed().resolve(batch.manifestFileName() + ".reason")))
        .startsWith("checksum_mismatch");
    assertThat(body("/requests/{id}", id).get("status")).isEqualTo("exported");
    assertThat(audited(id)).isEmpty();
  }

  @Test
  void leavesNothingHalfAppliedWhenTheDatabaseRefusesPartOfABatch() throws IOException {
    UUID first = exportedRequest();
    UUID second = exportedRequest();
    EncodedBatch batch =
        peer.publish(
            Channel.RESULTS, result(first, "08".repeat(32)), result(second, "09".repeat(32)));
    // A database failure on the second record, after the first was written in the same transaction.
    jdbc.sql(
            """
            create function refuse_answer() returns trigger language plpgsql as $$
            begin raise exception 'refused by the test'; end $$""")
        .update();
    jdbc.sql(
            "create trigger refuse_answer before update on requests for each row when (new.id = '"
                + second
                + "') execute function refuse_answer()")
        .update();
    List<ImportOutcome> outcomes;
    try {
      outcomes = importer.importNow();
    } finally {
      jdbc.sql("drop trigger refuse_answer on requests").update();
      jdbc.sql("drop function refuse_answer()").update();
    }

    assertThat(outcomes).hasSize(1).first().isInstanceOf(ImportOutcome.Failed.class);
    assertThat(body("/requests/{id}", first).get("status")).isEqualTo("exported");
    assertThat(audited(first)).isEmpty();
    assertThat(folders.inbox().resolve(batch.manifestFileName())).exists();

    assertThat(importer.importNow())
        .containsExactly(new ImportOutcome.Imported(batch.manifest(), 2, 0));
    assertThat(body("/requests/{id}", first).get("status")).isEqualTo("completed");
    assertThat(body("/requests/{id}", second).get("status")).isEqualTo("completed");
  }

  private UUID exportedRequest() {
    UUID id = requests.submit(token);
    requests.exported(id);
    return id;
  }

  private static ResultRecord result(UUID id, String sha) {
    return new ResultRecord(
        id.toString(),
        "trace-" + id,
        JsonMapper.shared().readTree(RESULT),
        17,
        false,
        sha,
        RECEIVED,
        EXECUTED);
  }

  private static FailureRecord failure(UUID id, FailureRecord.Outcome outcome) {
    return new FailureRecord(
        id.toString(),
        "trace-" + id,
        outcome,
        "index_not_allowed",
        "not for you",
        RECEIVED,
        EXECUTED);
  }

  private Map<?, ?> body(String uri, UUID id) {
    return requests
        .get(token, uri, id)
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private static Instant instant(Map<?, ?> stages, String stage) {
    return Instant.parse((String) stages.get(stage));
  }

  /** The importer's audit entries about a request, oldest first: outcome and detail. */
  private List<String> audited(UUID id) {
    return jdbc.sql(
            """
            select outcome || ' ' || detail from audit_logs
            where actor = 'system:importer' and resource = :resource order by id""")
        .param("resource", "request:" + id)
        .query(String.class)
        .list();
  }
}
