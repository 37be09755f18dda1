package io.airlock.responseside.inbound;

import static io.airlock.responseside.inbound.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.cache.ResultBody;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.responseside.directory.IndexAllowList;
import io.airlock.responseside.directory.User;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.query.QueryRules;
import io.airlock.transfer.records.Limits;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RequestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Every imported request is re-validated, then queued or answered with the reason. */
@RequestsChannelTest
class RequestImportIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MATCH_ALL = "{\"query\": {\"match_all\": {}}, \"size\": 5}";

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired DirectoryAdministration administration;
  @Autowired JdbcClient jdbc;
  @Autowired ResultCache cache;

  RequestsFixture fixture;
  User user;

  @BeforeEach
  void setUp() {
    fixture = new RequestsFixture(importer, folders, administration, jdbc);
    user = fixture.user(fixture.profileType(3, List.of("incidents", "assets"), 100));
  }

  @Test
  void queuesAGoodRequestAtTheProfilesPriorityCapWithItsCacheKey() {
    RequestRecord request =
        request(user.id(), "incidents", "{\"size\": 5, \"query\": {\"match_all\": {}}}", 9);

    assertThat(fixture.send(request)).isInstanceOf(ImportOutcome.Imported.class);

    Map<String, Object> row = fixture.incoming(request.id()).orElseThrow();
    assertThat(row)
        .containsEntry("status", "queued")
        .containsEntry("requested_priority", 9)
        .containsEntry("priority", 3)
        .containsEntry("user_id", user.id())
        .containsEntry("trace_id", request.traceId())
        .containsEntry(
            "cache_key",
            QueryRules.cacheKey(
                "incidents", QueryType.SEARCH, JsonMapper.builder().build().readTree(MATCH_ALL)));
    assertThat(row.get("inbound_batch_id")).isNotNull();
    assertThat(row.get("deadline")).isNotNull();
    assertThat(row.get("submitted_at")).isNotNull();
    assertThat(fixture.result(request.id())).as("not answered yet").isEmpty();
    assertThat(fixture.audits(request.id()))
        .singleElement()
        .satisfies(
            audit ->
                assertThat(audit)
                    .containsEntry("action", "request.accepted")
                    .containsEntry("outcome", "applied")
                    .containsEntry("actor", user.id().toString())
                    .containsEntry("sender_node_id", "request")
                    .containsEntry("trace_id", request.traceId())
                    .containsEntry("inbound_batch_id", row.get("inbound_batch_id")));
  }

  @Test
  void storesTheTraceContextEachRequestBroughtAcrossTheGap() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    RequestRecord traced =
        RequestsFixture.traced(request(user.id(), "incidents", MATCH_ALL, 1), traceparent);
    RequestRecord untraced = request(user.id(), "incidents", MATCH_ALL, 1);
    RequestRecord refused =
        RequestsFixture.traced(request(user.id(), "secrets", MATCH_ALL, 1), traceparent);

    assertThat(fixture.send(traced, untraced, refused)).isInstanceOf(ImportOutcome.Imported.class);

    assertThat(fixture.incoming(traced.id()).orElseThrow())
        .containsEntry("status", "queued")
        .containsEntry("traceparent", traceparent);
    assertThat(fixture.incoming(untraced.id()).orElseThrow())
        .containsEntry("status", "queued")
        .containsEntry("traceparent", null);
    assertThat(fixture.incoming(refused.id()).orElseThrow())
        .containsEntry("reason_code", "index_not_allowed")
        .containsEntry("traceparent", traceparent);
  }

  @Test
  void answersAtOnceARequestWhoseQueryHasAFreshCachedResultAndQueuesTheOthersOfItsBatch() {
    JsonMapper json = JsonMapper.builder().build();
    String query = "{\"query\": {\"term\": {\"host\": \"cached-" + UUID.randomUUID() + "\"}}}";
    cache.store(
        QueryRules.cacheKey("incidents", QueryType.SEARCH, json.readTree(query)),
        "incidents",
        QueryType.SEARCH,
        json.readTree(query),
        ResultBody.of(json.readTree("{\"hits\":{\"total\":{\"value\":3}}}"), json));
    RequestRecord cached = request(user.id(), "incidents", query, 1);
    RequestRecord other = request(user.id(), "incidents", MATCH_ALL, 1);

    fixture.publish(cached, other);
    fixture.importNow();

    assertThat(fixture.incoming(cached.id()).orElseThrow()).containsEntry("status", "completed");
    assertThat(
            jdbc.sql(
                    """
                    select outcome, cache_hit, execution_ms, result::text as result,
                           decided_at >= received_at as decided_after_received
                      from query_results where request_id = cast(:id as uuid)""")
                .param("id", cached.id())
                .query()
                .singleRow())
        .containsEntry("outcome", "completed")
        .containsEntry("cache_hit", true)
        .containsEntry("execution_ms", 0L)
        .containsEntry("result", "{\"hits\": {\"total\": {\"value\": 3}}}")
        .containsEntry("decided_after_received", true);
    assertThat(fixture.incoming(other.id()).orElseThrow()).containsEntry("status", "queued");
    assertThat(fixture.result(other.id())).isEmpty();
  }

  @Test
  void aChangedProfileTypeTakesEffectAtImportOnceItsSignalArrives() {
    String type = fixture.profileType(3, List.of("incidents", "assets"), 100);
    User analyst = fixture.user(type);
    RequestRecord before = request(analyst.id(), "assets", MATCH_ALL, 1);
    assertThat(fixture.send(before)).isInstanceOf(ImportOutcome.Imported.class);
    assertThat(fixture.incoming(before.id()).orElseThrow()).containsEntry("status", "queued");

    administration.updateProfileType(
        type, new Limits(10L, 100L, 1000L), 3, List.of("incidents"), 100, "test");

    await()
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              RequestRecord after = request(analyst.id(), "assets", MATCH_ALL, 1);
              fixture.send(after);
              assertThat(fixture.incoming(after.id()).orElseThrow())
                  .containsEntry("reason_code", "index_not_allowed");
            });
  }

  @Test
  void quarantinesABatchThatReusesAnAppliedSequenceAndLogsTheConflictAsAnError() {
    EncodedBatch sent = fixture.publish(request(user.id(), "incidents", MATCH_ALL, 1));
    fixture.importNow();
    RequestRecord other = request(user.id(), "assets", MATCH_ALL, 1);

    assertThat(fixture.sendInPlaceOf(sent, other)).isInstanceOf(ImportOutcome.Conflict.class);

    assertThat(fixture.incoming(other.id())).as("never applied").isEmpty();
    assertThat(
            jdbc.sql(
                    """
                    select level, details->>'channel' as channel, details->>'sequence' as sequence,
                           details->>'arrived_sha256' as arrived
                    from system_logs
                    where component = 'transfer' and details->>'applied_sha256' = :applied""")
                .param("applied", sent.manifest().payloadSha256())
                .query()
                .singleRow())
        .containsEntry("level", "ERROR")
        .containsEntry("channel", "requests")
        .containsEntry("sequence", String.valueOf(sent.manifest().sequence()))
        .containsKey("arrived");
  }

  @Test
  void refusesARequestOfAnUnknownUser() {
    assertRefused(request(UUID.randomUUID(), "incidents", MATCH_ALL, 1), "user_unknown", "user_id");
  }

  @Test
  void refusesARequestInTheNameOfAHighSideOnlyAccount() {
    User operator = fixture.user("standard", true);

    assertRefused(request(operator.id(), "incidents", MATCH_ALL, 1), "user_unknown", "user_id");
  }

  @Test
  void refusesARequestOfADeactivatedUser() {
    administration.setActive(user.id(), false, "test");

    assertRefused(request(user.id(), "incidents", MATCH_ALL, 1), "user_inactive", "user_id");
  }

  @Test
  void refusesAnIndexNotInTheUsersProfile() {
    User narrow = fixture.user(fixture.profileType(3, List.of("assets"), 100));

    assertRefused(request(narrow.id(), "incidents", MATCH_ALL, 1), "index_not_allowed", "index");
  }

  @Test
  void refusesAnIndexInTheProfileButNotInTheGlobalAllowList() {
    // Left in place: every other test here asks only for these two indices.
    administration.putSetting(IndexAllowList.KEY, "incidents, assets", "test");
    User wide = fixture.user(fixture.profileType(3, List.of("incidents", "secrets"), 100));

    assertRefused(request(wide.id(), "secrets", MATCH_ALL, 1), "index_not_allowed", "allow-list");
    assertThat(fixture.send(request(wide.id(), "incidents", MATCH_ALL, 1)))
        .isInstanceOf(ImportOutcome.Imported.class);
  }

  @Test
  void refusesAQueryThatRunsAScript() {
    String script = "{\"query\": {\"script\": {\"script\": \"doc['a'].value > 1\"}}}";

    assertRefused(
        request(user.id(), "incidents", script, 1), "query_refused", "query_params.query");
  }

  @Test
  void refusesAQueryHoldingTheNulCharacterWhichTheDatabaseCannotStore() {
    String nul = "{\"query\": {\"term\": {\"host\": \"a\\u0000b\"}}}";

    assertRefused(
        request(user.id(), "incidents", nul, 1),
        "query_refused",
        "query_params.query.term.host must not contain the NUL character");
  }

  @Test
  void queuesAQueryWhoseTextMerelySpellsAnEscapedNul() {
    // A backslash, then "u0000": six characters, no NUL among them.
    RequestRecord request =
        request(user.id(), "incidents", "{\"query\": {\"term\": {\"host\": \"\\\\u0000\"}}}", 1);

    fixture.send(request);

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "queued");
    assertThat(request.queryParams().at("/query/term/host").stringValue()).isEqualTo("\\u0000");
  }

  @Test
  void refusesASizeAboveTheQueryRulesLimit() {
    User big = fixture.user(fixture.profileType(3, List.of("incidents"), 1000));

    assertRefused(
        request(big.id(), "incidents", "{\"size\": 1001}", 1),
        "query_refused",
        "query_params.size");
  }

  @Test
  void refusesACountWithASize() {
    RequestRecord count =
        request(
            user.id(),
            "incidents",
            QueryType.COUNT,
            "{\"query\": {\"match_all\": {}}, \"size\": 1}",
            1,
            Duration.ofHours(1));

    assertRefused(count, "query_refused", "query_params.size");
  }

  @Test
  void refusesANumberThatHasNoCanonicalFormInsteadOfRetryingTheBatch() {
    String huge = "{\"query\": {\"range\": {\"score\": {\"gte\": 1e400}}}}";

    assertRefused(request(user.id(), "incidents", huge, 1), "query_refused", "query_params");
  }

  @Test
  void refusesADeadlineBeyondWhatTheDatabaseHoldsInsteadOfRetryingTheBatch() {
    RequestRecord farOff =
        request(
            user.id(),
            "incidents",
            QueryType.SEARCH,
            MATCH_ALL,
            1,
            Duration.ofDays(365L * 300_000));

    assertRefused(farOff, "invalid_record", "deadline");
  }

  @Test
  void refusesMoreHitsThanTheProfileAllows() {
    assertRefused(
        request(user.id(), "incidents", "{\"size\": 101}", 1),
        "size_not_allowed",
        "query_params.size");
  }

  @Test
  void answersARequestPastItsDeadlineExpired() {
    RequestRecord late =
        request(user.id(), "incidents", QueryType.SEARCH, MATCH_ALL, 1, Duration.ofSeconds(-1));

    fixture.send(late);

    assertThat(fixture.incoming(late.id()).orElseThrow())
        .containsEntry("status", "expired")
        .containsEntry("reason_code", "deadline_passed");
    assertThat(fixture.result(late.id()).orElseThrow())
        .containsEntry("outcome", "expired")
        .containsEntry("reason_code", "deadline_passed");
    assertThat(fixture.audits(late.id()))
        .singleElement()
        .satisfies(audit -> assertThat(audit).containsEntry("reason_code", "deadline_passed"));
  }

  @Test
  void takesARequestIdOnceWhicheverBatchCarriesItAgain() {
    RequestRecord request = request(user.id(), "incidents", MATCH_ALL, 1);
    fixture.send(request);
    jdbc.sql(
            "update incoming_requests set status = 'processing', lease_owner = 'a-worker'"
                + " where request_id = cast(:id as uuid)")
        .param("id", request.id())
        .update();

    assertThat(fixture.send(request, request(user.id(), "assets", MATCH_ALL, 1)))
        .isInstanceOfSatisfying(
            ImportOutcome.Imported.class, imported -> assertThat(imported.applied()).isEqualTo(2));

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "processing");
    assertThat(storedRows(request)).isOne();
    assertThat(fixture.audits(request.id()))
        .extracting(audit -> audit.get("action"))
        .containsExactly("request.accepted", "request.duplicate");
  }

  @Test
  void answersARequestWhoseRecordIsInvalidFailed() {
    RequestRecord request = request(user.id(), "incidents", MATCH_ALL, 1);

    ImportOutcome outcome =
        fixture.sendEdited(
            payload -> payload.replaceFirst(",\\s*\"deadline\"\\s*:\\s*\"[^\"]*\"", ""), request);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ImportOutcome.Imported.class,
            imported -> assertThat(imported.quarantined()).isEqualTo(1));
    assertThat(fixture.incoming(request.id()).orElseThrow())
        .containsEntry("status", "failed")
        .containsEntry("reason_code", "invalid_record");
    assertThat(fixture.result(request.id()).orElseThrow())
        .containsEntry("outcome", "failed")
        .containsEntry("reason_code", "invalid_record")
        .hasEntrySatisfying(
            "reason_detail", detail -> assertThat((String) detail).contains("deadline"));
    assertThat(fixture.audits(request.id()))
        .singleElement()
        .satisfies(audit -> assertThat(audit).containsEntry("action", "request.refused"));
  }

  @Test
  void takesInABatchOfManyRunsReadAheadInItsOrderAsItWouldOneByOne() {
    // Several runs (RecordApplier.MAX_RUN), read and prepared ahead of the transaction.
    String awkward = "{\"query\": {\"term\": {\"host\": \"tab\\tline\\nback\\\\slash \\\\N\"}}}";
    List<RequestRecord> requests = new ArrayList<>();
    for (int i = 0; i < 2_400; i++) {
      String query =
          i == 1_999
              ? "{\"query\": {\"script\": {\"script\": \"1\"}}}"
              : i == 7 ? awkward : "{\"query\": {\"term\": {\"n\": " + i + "}}}";
      requests.add(request(user.id(), "incidents", query, 1));
    }
    requests.add(requests.get(10));
    String unreadable = requests.get(1_500).id();

    ImportOutcome outcome =
        fixture.sendEdited(
            payload ->
                payload
                    .lines()
                    .map(
                        line ->
                            line.contains(unreadable)
                                ? line.replaceFirst(",\\s*\"deadline\"\\s*:\\s*\"[^\"]*\"", "")
                                : line)
                    .collect(Collectors.joining("\n", "", "\n")),
            requests.toArray(RequestRecord[]::new));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ImportOutcome.Imported.class,
            imported -> {
              assertThat(imported.applied()).isEqualTo(2_400);
              assertThat(imported.quarantined()).isEqualTo(1);
            });
    String[] ids = requests.stream().map(RequestRecord::id).distinct().toArray(String[]::new);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) filter (where status = 'queued') as queued,
                           count(*) filter (where status = 'failed') as failed
                      from incoming_requests where request_id::text = any(:ids)""")
                .param("ids", ids)
                .query()
                .singleRow())
        .containsEntry("queued", 2_398L)
        .containsEntry("failed", 2L);
    assertThat(fixture.incoming(unreadable).orElseThrow())
        .containsEntry("reason_code", "invalid_record");
    assertThat(fixture.incoming(requests.get(1_999).id()).orElseThrow())
        .containsEntry("reason_code", "query_refused");
    assertThat(
            JSON.readTree(
                (String) fixture.incoming(requests.get(7).id()).orElseThrow().get("query_params")))
        .isEqualTo(JSON.readTree(awkward));
    // One entry per record, in the records' order: the duplicate last, the unreadable in place.
    List<Map<String, Object>> audits =
        jdbc.sql("select record_id, action from audit_logs where record_id = any(:ids) order by id")
            .param("ids", ids)
            .query()
            .listOfRows();
    assertThat(audits).hasSize(2_401);
    assertThat(audits.stream().map(audit -> audit.get("record_id")).toList())
        .containsExactlyElementsOf(requests.stream().map(RequestRecord::id).toList());
    assertThat(audits.get(1_500)).containsEntry("action", "request.refused");
    assertThat(audits.get(1_999)).containsEntry("action", "request.refused");
    assertThat(audits.get(2_400)).containsEntry("action", "request.duplicate");
  }

  @Test
  void takesAnUnreadableRequestOnceWhicheverBatchCarriesItAgain() {
    RequestRecord request = request(user.id(), "incidents", MATCH_ALL, 1);
    UnaryOperator<String> withoutDeadline =
        payload -> payload.replaceFirst(",\\s*\"deadline\"\\s*:\\s*\"[^\"]*\"", "");

    fixture.sendEdited(withoutDeadline, request);
    fixture.sendEdited(withoutDeadline, request);

    assertThat(storedRows(request)).isOne();
    assertThat(fixture.audits(request.id()))
        .extracting(audit -> audit.get("action") + " " + audit.get("outcome"))
        .containsExactly("request.refused refused", "request.duplicate ignored");
  }

  /** How many rows of the queue hold the request's id. */
  private int storedRows(RequestRecord request) {
    return jdbc.sql("select count(*) from incoming_requests where request_id = cast(:id as uuid)")
        .param("id", request.id())
        .query(Integer.class)
        .single();
  }

  private void assertRefused(RequestRecord request, String code, String detailNames) {
    assertThat(fixture.send(request)).isInstanceOf(ImportOutcome.Imported.class);

    assertThat(fixture.incoming(request.id()).orElseThrow())
        .containsEntry("status", "failed")
        .containsEntry("reason_code", code)
        .containsEntry("cache_key", null);
    assertThat(fixture.result(request.id()).orElseThrow())
        .containsEntry("outcome", "failed")
        .containsEntry("reason_code", code)
        .containsEntry("trace_id", request.traceId())
        .hasEntrySatisfying(
            "reason_detail", detail -> assertThat((String) detail).contains(detailNames));
    assertThat(fixture.audits(request.id()))
        .singleElement()
        .satisfies(
            audit ->
                assertThat(audit)
                    .containsEntry("action", "request.refused")
                    .containsEntry("outcome", "refused")
                    .containsEntry("reason_code", code));
  }
}
