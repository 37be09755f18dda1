package io.airlock.requestside.notifications;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.requests.RequestExports;
import io.airlock.requestside.requests.RequestFixture;
import io.airlock.transfer.Channel;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ends submitted requests the way the side does: an answer from the response side imported from the
 * inbox (completed, failed, cancelled), or the expiry of a request whose deadline passed.
 */
public final class RequestEndings {

  public static final Instant RECEIVED = Instant.parse("2026-11-22T08:00:00Z");
  public static final Instant EXECUTED = Instant.parse("2026-11-22T08:00:02Z");
  public static final String REASON = "index_not_allowed: not for you";

  private final RequestFixture requests;
  private final InboxImporter importer;
  private final RequestExports exports;
  private final JdbcClient jdbc;
  private final TestPeer peer;

  public RequestEndings(
      RequestFixture requests,
      InboxImporter importer,
      TransferFolders folders,
      RequestExports exports,
      JdbcClient jdbc) {
    this.requests = requests;
    this.importer = importer;
    this.exports = exports;
    this.jdbc = jdbc;
    this.peer = new TestPeer(folders.inbox(), "response");
  }

  /** A request of the token's user, exported and waiting for its answer. */
  public UUID exported(String token) {
    UUID id = requests.submit(token);
    requests.exported(id);
    return id;
  }

  public void complete(UUID id) {
    publishAndImport(
        new ResultRecord(
            id.toString(),
            "trace-" + id,
            JsonMapper.shared().readTree("{\"hits\":{\"total\":{\"value\":1},\"hits\":[]}}"),
            5,
            false,
            "ab".repeat(32),
            RECEIVED,
            EXECUTED));
  }

  public void end(UUID id, FailureRecord.Outcome outcome) {
    publishAndImport(
        new FailureRecord(
            id.toString(),
            "trace-" + id,
            outcome,
            "index_not_allowed",
            "not for you",
            RECEIVED,
            EXECUTED));
  }

  /** A pending request whose deadline has passed, expired by the exporter's expiry. */
  public UUID expired(String token) {
    UUID id = requests.submit(token);
    jdbc.sql("update requests set deadline = now() - interval '1 minute' where id = :id")
        .param("id", id)
        .update();
    exports.expireOverdue();
    return id;
  }

  private void publishAndImport(TransferRecord record) {
    try {
      peer.publish(Channel.RESULTS, record);
      importer.importNow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
