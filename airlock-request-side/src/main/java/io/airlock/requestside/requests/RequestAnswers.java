package io.airlock.requestside.requests;

import io.airlock.platform.database.Columns;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a request ends when the response side's answer arrives: completed with its response stored,
 * or failed, expired or cancelled with the reason. Called in the transaction that applies the
 * answer's batch, after {@link #awaiting} or {@link #awaitingAll} locked the request; each returns
 * the request's stages as the answer left them.
 */
@Repository
public class RequestAnswers {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  RequestAnswers(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A request an answer arrives for: its status, and the trace its submission began. */
  public record Awaited(RequestStatus status, String traceparent) {}

  /**
   * An answer to apply: the status it ends its request with, the reason (null for a result), and
   * for a result its content.
   *
   * @param receivedAt when the response side received the request (its clock), null when unknown
   * @param executedAt when the response side ran it (its clock), null when unknown
   * @param resultExportedAt when the answer's batch was made (the response side's clock), null when
   *     unknown
   */
  public record Answer(
      UUID id,
      RequestStatus status,
      String reason,
      JsonNode result,
      long executionMs,
      boolean cacheHit,
      String resultSha256,
      Instant receivedAt,
      Instant executedAt,
      Instant resultExportedAt) {

    /** A result, completing its request. */
    public static Answer result(
        UUID id,
        JsonNode result,
        long executionMs,
        boolean cacheHit,
        String resultSha256,
        Instant receivedAt,
        Instant executedAt,
        Instant resultExportedAt) {
      return new Answer(
          id,
          RequestStatus.COMPLETED,
          null,
          result,
          executionMs,
          cacheHit,
          resultSha256,
          receivedAt,
          executedAt,
          resultExportedAt);
    }

    /** An end without a result: failed, expired or cancelled, with the reason. */
    public static Answer ended(
        UUID id,
        RequestStatus status,
        String reason,
        Instant receivedAt,
        Instant resultExportedAt) {
      return new Answer(
          id, status, reason, null, 0, false, null, receivedAt, null, resultExportedAt);
    }
  }

  /**
   * The request's status, locking it until the transaction ends so that its answer is applied once;
   * empty if there is no such request.
   */
  public Optional<Awaited> awaiting(UUID id) {
    return Optional.ofNullable(awaitingAll(List.of(id)).get(id));
  }

  /** As {@link #awaiting}, for many requests with one statement: those that exist. */
  public Map<UUID, Awaited> awaitingAll(Collection<UUID> ids) {
    Map<UUID, Awaited> awaited = new HashMap<>();
    // In the order of their ids: two imports locking overlapping requests cannot deadlock.
    jdbc.sql(
            """
            select id, status, traceparent from requests where id = any(:ids)
            order by id for update""")
        .param("ids", ids.toArray(UUID[]::new))
        .query(
            (ResultSet rs) -> {
              awaited.put(
                  rs.getObject("id", UUID.class),
                  new Awaited(
                      RequestStatus.fromWireName(rs.getString("status")).orElseThrow(),
                      rs.getString("traceparent")));
            });
    return awaited;
  }

  /** Applies an answer to its request (locked by {@link #awaiting}); its stages as it left them. */
  public Stages answer(Answer answer) {
    return answerAll(List.of(answer)).get(answer.id());
  }

  /**
   * Applies answers to their requests (locked by {@link #awaitingAll}), each a different request,
   * with one statement for the responses and one for the requests however many.
   *
   * @return each request's stages as its answer left them
   */
  public Map<UUID, Stages> answerAll(List<Answer> answers) {
    List<Answer> results =
        answers.stream().filter(answer -> answer.status() == RequestStatus.COMPLETED).toList();
    if (!results.isEmpty()) {
      jdbc.sql(
              """
              insert into responses (request_id, result, execution_ms, cache_hit, result_sha256)
              select id, cast(result as jsonb), execution_ms, cache_hit, sha256
              from unnest(cast(:ids as uuid[]), cast(:results as text[]),
                  cast(:executionMs as bigint[]), cast(:cacheHits as boolean[]),
                  cast(:sha256s as text[]))
                  as r(id, result, execution_ms, cache_hit, sha256)""")
          .param("ids", Columns.of(results, Answer::id, UUID[]::new))
          .param(
              "results", Columns.texts(results, answer -> json.writeValueAsString(answer.result())))
          .param("executionMs", Columns.of(results, Answer::executionMs, Long[]::new))
          .param("cacheHits", Columns.of(results, Answer::cacheHit, Boolean[]::new))
          .param("sha256s", Columns.texts(results, Answer::resultSha256))
          .update();
    }
    // Received and executed are the response side's clock, as is the batch's creation (when the
    // answer was exported); result received is this side's.
    Map<UUID, Stages> stages = new HashMap<>();
    jdbc.sql(
            """
            update requests q set status = a.status, status_reason = a.reason,
                received_at = coalesce(a.received_at, q.received_at),
                executed_at = coalesce(a.executed_at, q.executed_at),
                result_exported_at = a.result_exported_at, result_received_at = now()
            from unnest(cast(:ids as uuid[]), cast(:statuses as text[]), cast(:reasons as text[]),
                cast(:receivedAt as timestamptz[]), cast(:executedAt as timestamptz[]),
                cast(:resultExportedAt as timestamptz[]))
                as a(id, status, reason, received_at, executed_at, result_exported_at)
            where q.id = a.id
            returning q.id, q.submitted_at, q.exported_at, q.received_at, q.executed_at,
                q.result_exported_at, q.result_received_at""")
        .param("ids", Columns.of(answers, Answer::id, UUID[]::new))
        .param("statuses", Columns.texts(answers, answer -> answer.status().wireName()))
        .param("reasons", Columns.texts(answers, Answer::reason))
        .param("receivedAt", Columns.texts(answers, answer -> text(answer.receivedAt())))
        .param("executedAt", Columns.texts(answers, answer -> text(answer.executedAt())))
        .param(
            "resultExportedAt", Columns.texts(answers, answer -> text(answer.resultExportedAt())))
        .query(
            (ResultSet rs) -> {
              stages.put(rs.getObject("id", UUID.class), Stages.of(rs));
            });
    return stages;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
