package io.airlock.responseside.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Timestamp;
import java.time.Instant;
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

  private final JdbcClient jdbc;

  ResultListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The request's answer, once it has one. */
  public Optional<Answer> of(UUID requestId) {
    return jdbc.sql(
            """
            select outcome, reason_code, reason_detail, execution_ms, cache_hit, result_bytes,
                   decided_at, export_sequence, exported_at, acknowledged_at,
                   left(result::text, :preview) as preview
            from query_results where request_id = :id""")
        .param("id", requestId)
        .param("preview", PREVIEW)
        .query(
            (rs, n) ->
                new Answer(
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
                    rs.getString("preview")))
        .optional();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
