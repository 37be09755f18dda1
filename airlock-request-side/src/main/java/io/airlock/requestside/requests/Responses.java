package io.airlock.requestside.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The responses imported from the response side, read through their requests' owners: a response is
 * the outcome of its request, so they share an owner.
 */
@Repository
public class Responses {

  /** A response with its request's stage timestamps. */
  public record Stored(
      UUID requestId,
      String index,
      String queryType,
      String result,
      long executionMs,
      boolean cacheHit,
      String resultSha256,
      Instant receivedAt,
      Stages stages) {}

  /** A response without its result, for listings. */
  public record Listed(
      UUID requestId,
      String index,
      String queryType,
      long executionMs,
      boolean cacheHit,
      String resultSha256,
      Instant receivedAt) {}

  private final JdbcClient jdbc;

  Responses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The checksum of the owner's request's response, if it has one. */
  public Optional<String> checksum(UUID ownerId, UUID requestId) {
    return jdbc.sql(
            """
            select r.result_sha256 from responses r join requests q on q.id = r.request_id
            where q.owner_id = :ownerId and q.id = :requestId
            """)
        .param("ownerId", ownerId)
        .param("requestId", requestId)
        .query(String.class)
        .optional();
  }

  /** The status of the owner's request, if the owner has one with that id. */
  public Optional<String> requestStatus(UUID ownerId, UUID requestId) {
    return jdbc.sql("select status from requests where owner_id = :ownerId and id = :id")
        .param("ownerId", ownerId)
        .param("id", requestId)
        .query(String.class)
        .optional();
  }

  public Optional<Stored> load(UUID ownerId, UUID requestId) {
    return jdbc.sql(
            """
            select q.id, q.index_name, q.query_type, r.result::text as result, r.execution_ms,
                   r.cache_hit, r.result_sha256, r.received_at, q.submitted_at, q.exported_at,
                   q.received_at as high_received_at, q.executed_at, q.result_exported_at,
                   q.result_received_at
            from responses r join requests q on q.id = r.request_id
            where q.owner_id = :ownerId and q.id = :requestId
            """)
        .param("ownerId", ownerId)
        .param("requestId", requestId)
        .query(
            (rs, row) ->
                new Stored(
                    rs.getObject("id", UUID.class),
                    rs.getString("index_name"),
                    rs.getString("query_type"),
                    rs.getString("result"),
                    rs.getLong("execution_ms"),
                    rs.getBoolean("cache_hit"),
                    rs.getString("result_sha256"),
                    instant(rs.getTimestamp("received_at")),
                    new Stages(
                        instant(rs.getTimestamp("submitted_at")),
                        instant(rs.getTimestamp("exported_at")),
                        instant(rs.getTimestamp("high_received_at")),
                        instant(rs.getTimestamp("executed_at")),
                        instant(rs.getTimestamp("result_exported_at")),
                        instant(rs.getTimestamp("result_received_at")))))
        .optional();
  }

  /** One page of the owner's responses, newest first. */
  public List<Listed> page(UUID ownerId, int limit, long offset) {
    return jdbc.sql(
            """
            select q.id, q.index_name, q.query_type, r.execution_ms, r.cache_hit,
                   r.result_sha256, r.received_at
            from responses r join requests q on q.id = r.request_id
            where q.owner_id = :ownerId
            order by r.received_at desc, q.id desc
            limit :limit offset :offset
            """)
        .param("ownerId", ownerId)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, row) ->
                new Listed(
                    rs.getObject("id", UUID.class),
                    rs.getString("index_name"),
                    rs.getString("query_type"),
                    rs.getLong("execution_ms"),
                    rs.getBoolean("cache_hit"),
                    rs.getString("result_sha256"),
                    instant(rs.getTimestamp("received_at"))))
        .list();
  }

  public long count(UUID ownerId) {
    return jdbc.sql(
            """
            select count(*) from responses r join requests q on q.id = r.request_id
            where q.owner_id = :ownerId
            """)
        .param("ownerId", ownerId)
        .query(Long.class)
        .single();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
