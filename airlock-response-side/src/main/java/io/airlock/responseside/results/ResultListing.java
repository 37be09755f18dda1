package io.airlock.responseside.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The answers as operators look at them: how each ran, and how far it got back across the gap. */
@Repository
public class ResultListing {

  /** How many characters of a result its preview shows. */
  public static final int PREVIEW = 2000;

  /**
   * A request's answer.
   *
   * @param exportSequence the results batch it left in; null while it waits to be sent
   * @param acknowledgedAt when the request side acknowledged that batch
   * @param preview the start of the result's JSON; null for a failure
   */
  public record Answer(
      String outcome,
      @JsonProperty("reason_code") String reasonCode,
      @JsonProperty("reason_detail") String reasonDetail,
      @JsonProperty("execution_ms") Long executionMs,
      @JsonProperty("cache_hit") boolean cacheHit,
      @JsonProperty("result_bytes") Long resultBytes,
      @JsonProperty("decided_at") Instant decidedAt,
      @JsonProperty("export_sequence") Long exportSequence,
      @JsonProperty("exported_at") Instant exportedAt,
      @JsonProperty("acknowledged_at") Instant acknowledgedAt,
      String preview) {}

  /** An answer in the listing, with the request it answers. */
  public record Listed(
      @JsonProperty("request_id") UUID requestId,
      @JsonProperty("trace_id") String traceId,
      Answer answer) {}

  /**
   * Which answers to list; null means any.
   *
   * @param cacheHit answered from the cache, or not
   * @param acknowledged acknowledged by the request side, or not yet
   */
  public record Filter(String outcome, Boolean cacheHit, Boolean acknowledged) {}

  private static final String COLUMNS =
      """
      select request_id, trace_id, outcome, reason_code, reason_detail, execution_ms, cache_hit,
             result_bytes, decided_at, export_sequence, exported_at, acknowledged_at,
             left(result::text, :preview) as preview
      from query_results""";

  private static final String WHERE =
      """
       where (cast(:outcome as text) is null or outcome = :outcome)
         and (cast(:cacheHit as boolean) is null or cache_hit = :cacheHit)
         and (cast(:acknowledged as boolean) is null
              or (acknowledged_at is not null) = :acknowledged)
      """;

  private final JdbcClient jdbc;

  ResultListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One page of the answers the filter matches, the latest decided first. */
  public List<Listed> page(Filter filter, int limit, long offset) {
    return bind(
            jdbc.sql(
                COLUMNS
                    + WHERE
                    + " order by decided_at desc, request_id limit :limit offset :offset"),
            filter)
        .param("preview", PREVIEW)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, n) ->
                new Listed(
                    rs.getObject("request_id", UUID.class), rs.getString("trace_id"), answer(rs)))
        .list();
  }

  public long count(Filter filter) {
    return bind(jdbc.sql("select count(*) from query_results" + WHERE), filter)
        .query(Long.class)
        .single();
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
    return sql.param("outcome", filter.outcome())
        .param("cacheHit", filter.cacheHit())
        .param("acknowledged", filter.acknowledged());
  }

  /** The request's answer, once it has one. */
  public Optional<Answer> of(UUID requestId) {
    return jdbc.sql(COLUMNS + " where request_id = :id")
        .param("id", requestId)
        .param("preview", PREVIEW)
        .query((rs, n) -> answer(rs))
        .optional();
  }

  private static Answer answer(ResultSet rs) throws SQLException {
    return new Answer(
        rs.getString("outcome"),
        rs.getString("reason_code"),
        rs.getString("reason_detail"),
        rs.getObject("execution_ms", Long.class),
        rs.getBoolean("cache_hit"),
        rs.getObject("result_bytes", Long.class),
        instant(rs.getTimestamp("decided_at")),
        rs.getObject("export_sequence", Long.class),
        instant(rs.getTimestamp("exported_at")),
        instant(rs.getTimestamp("acknowledged_at")),
        rs.getString("preview"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
