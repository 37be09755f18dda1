package io.airlock.responseside.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.responseside.directory.User;
import io.airlock.transfer.Channel;
import io.airlock.transfer.WireJson;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.records.Limits;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RequestRecord;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users and profile types to send requests as, and a request side of its own (a new sender epoch)
 * that publishes signed batches into the inbox and has them imported.
 */
final class RequestsFixture {

  static final String PASSWORD = "a long enough password";
  private static final JsonMapper JSON = WireJson.mapper();

  private final InboxImporter importer;
  private final DirectoryAdministration administration;
  private final JdbcClient jdbc;
  private final TestPeer peer;

  RequestsFixture(
      InboxImporter importer,
      TransferFolders folders,
      DirectoryAdministration administration,
      JdbcClient jdbc) {
    this.importer = importer;
    this.administration = administration;
    this.jdbc = jdbc;
    this.peer = new TestPeer(folders.inbox(), "request");
  }

  String profileType(int maxPriority, List<String> indices, int maxResultSize) {
    String name = "p" + UUID.randomUUID().toString().substring(0, 8);
    administration.createProfileType(
        name, new Limits(10L, 100L, 1000L), maxPriority, indices, maxResultSize, "test");
    return name;
  }

  User user(String profileType) {
    return user(profileType, false);
  }

  User user(String profileType, boolean highSideOnly) {
    String username = "u" + UUID.randomUUID().toString().substring(0, 12);
    return administration.createUser(
        new DirectoryAdministration.NewUser(
            username,
            username + "@example.org",
            "User " + username,
            "user",
            profileType,
            PASSWORD,
            highSideOnly),
        "test");
  }

  static RequestRecord request(UUID userId, String index, String params, int priority) {
    return request(userId, index, QueryType.SEARCH, params, priority, Duration.ofHours(1));
  }

  static RequestRecord request(
      UUID userId, String index, QueryType type, String params, int priority, Duration deadline) {
    Instant now = Instant.now();
    return new RequestRecord(
        UUID.randomUUID().toString(),
        "trace-" + UUID.randomUUID(),
        userId.toString(),
        index,
        type,
        JSON.readTree(params),
        priority,
        now.minusSeconds(5),
        now.plus(deadline));
  }

  /** The request as the request side sends it when its submission was traced. */
  static RequestRecord traced(RequestRecord request, String traceparent) {
    return new RequestRecord(
        request.id(),
        request.traceId(),
        request.userId(),
        request.index(),
        request.queryType(),
        request.queryParams(),
        request.priority(),
        request.submittedAt(),
        request.deadline(),
        traceparent);
  }

  /** Publishes the records as this request side's next batch and imports the inbox. */
  ImportOutcome send(TransferRecord... records) {
    publish(records);
    return importNow();
  }

  EncodedBatch publish(TransferRecord... records) {
    try {
      return peer.publish(Channel.REQUESTS, records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Publishes the records with their payload edited as a faulty but honest sender would write it
   * (the manifest signed over the edited payload), and imports the inbox.
   */
  ImportOutcome sendEdited(UnaryOperator<String> edit, TransferRecord... records) {
    EncodedBatch batch = publish(records);
    try {
      peer.rewritePayload(batch, edit.apply(peer.payload(batch)), batch.manifest().recordCount());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return importNow();
  }

  /**
   * Publishes other records under the sequence of a batch already sent, as a sender that lost its
   * ledger would, and imports the inbox.
   */
  ImportOutcome sendInPlaceOf(EncodedBatch earlier, TransferRecord... records) {
    try {
      peer.publish(Channel.REQUESTS, earlier.manifest().sequence(), List.of(), records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return importNow();
  }

  ImportOutcome importNow() {
    try {
      List<ImportOutcome> outcomes = importer.importNow();
      assertThat(outcomes).hasSize(1);
      return outcomes.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<Map<String, Object>> incoming(String requestId) {
    return jdbc
        .sql(
            """
            select status, priority, requested_priority, cache_key, reason_code, reason_detail,
                   user_id, trace_id, traceparent, query_params::text as query_params,
                   inbound_batch_id, deadline, submitted_at, received_at
              from incoming_requests where request_id = cast(:id as uuid)""")
        .param("id", requestId)
        .query()
        .listOfRows()
        .stream()
        .findFirst();
  }

  Optional<Map<String, Object>> result(String requestId) {
    return jdbc
        .sql(
            """
            select outcome, reason_code, reason_detail, trace_id, received_at
              from query_results where request_id = cast(:id as uuid)""")
        .param("id", requestId)
        .query()
        .listOfRows()
        .stream()
        .findFirst();
  }

  /** The audit entries about a resource, oldest first. */
  List<Map<String, Object>> audits(String resourceId) {
    return jdbc.sql(
            """
            select action, outcome, reason_code, detail, actor, record_id, sender_node_id,
                   inbound_batch_id, trace_id
              from audit_logs where resource_id = :id order by id""")
        .param("id", resourceId)
        .query()
        .listOfRows();
  }
}
