package io.airlock.responseside.inbound;

import static io.airlock.responseside.inbound.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.responseside.directory.User;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.RequestRecord;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A cancel ends its owner's queued request, and one that arrives first waits for it. */
@RequestsChannelTest
class CancelImportIntegrationTests {

  private static final String QUERY = "{\"query\": {\"match_all\": {}}}";

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired DirectoryAdministration administration;
  @Autowired JdbcClient jdbc;

  RequestsFixture fixture;
  User owner;
  RequestRecord request;

  @BeforeEach
  void setUp() {
    fixture = new RequestsFixture(importer, folders, administration, jdbc);
    owner = fixture.user("standard");
    request = request(owner.id(), "incidents", QUERY, 1);
  }

  @Test
  void cancelsAQueuedRequestAndAnswersItCancelled() {
    fixture.send(request);

    fixture.send(cancel(owner));

    assertThat(fixture.incoming(request.id()).orElseThrow())
        .containsEntry("status", "cancelled")
        .containsEntry("reason_code", "cancelled");
    assertThat(fixture.result(request.id()).orElseThrow())
        .containsEntry("outcome", "cancelled")
        .containsEntry("trace_id", request.traceId());
    assertThat(fixture.audits(request.id()))
        .extracting(audit -> audit.get("action") + " " + audit.get("trace_id"))
        .as("each audited with the trace of the call that asked for it")
        .containsExactly(
            "request.accepted " + request.traceId(), "cancel.applied trace-cancel-" + owner.id());
  }

  @Test
  void aCancelBeforeItsRequestLeavesATombstoneThatCancelsTheRequestOnArrival() {
    CancelRecord cancel = cancel(owner);
    fixture.send(cancel);
    assertThat(
            jdbc.sql("select user_id from request_tombstones where request_id = cast(:id as uuid)")
                .param("id", request.id())
                .query(UUID.class)
                .single())
        .isEqualTo(owner.id());
    assertThat(fixture.result(request.id())).isEmpty();

    fixture.send(request);

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "cancelled");
    assertThat(fixture.result(request.id()).orElseThrow()).containsEntry("outcome", "cancelled");
    assertThat(
            jdbc.sql("select count(*) from request_tombstones where request_id = cast(:id as uuid)")
                .param("id", request.id())
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(fixture.audits(request.id()))
        .extracting(audit -> audit.get("action"))
        .containsExactly("cancel.tombstoned", "cancel.applied", "request.cancelled");
  }

  @Test
  void refusesACancelByAnotherUser() {
    fixture.send(request);
    User other = fixture.user("standard");

    fixture.send(cancel(other));

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "queued");
    assertThat(fixture.result(request.id())).isEmpty();
    assertThat(fixture.audits(request.id()))
        .last()
        .satisfies(
            audit ->
                assertThat(audit)
                    .containsEntry("action", "cancel.refused")
                    .containsEntry("outcome", "refused")
                    .containsEntry("reason_code", "not_owner")
                    .containsEntry("actor", other.id().toString()));
  }

  @Test
  void aTombstoneOfAnotherUserDoesNotCancelTheRequest() {
    fixture.send(cancel(fixture.user("standard")));

    fixture.send(request);

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "queued");
    assertThat(fixture.audits(request.id()))
        .extracting(audit -> audit.get("action") + " " + audit.get("reason_code"))
        .containsExactly(
            "cancel.tombstoned null", "cancel.refused not_owner", "request.accepted null");
  }

  @Test
  void leavesARequestAlreadyRunningToFinishAndAuditsTheCancel() {
    fixture.send(request);
    jdbc.sql(
            "update incoming_requests set status = 'processing', lease_owner = 'a-worker'"
                + " where request_id = cast(:id as uuid)")
        .param("id", request.id())
        .update();

    fixture.send(cancel(owner));

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "processing");
    assertThat(fixture.result(request.id())).isEmpty();
    assertThat(fixture.audits(request.id()))
        .last()
        .satisfies(
            audit ->
                assertThat(audit)
                    .containsEntry("action", "cancel.ignored")
                    .containsEntry("outcome", "ignored")
                    .containsEntry("reason_code", "already_processing"));
  }

  private CancelRecord cancel(User user) {
    return new CancelRecord(
        UUID.randomUUID().toString(),
        "trace-cancel-" + user.id(),
        request.id(),
        user.id().toString(),
        Instant.now());
  }
}
