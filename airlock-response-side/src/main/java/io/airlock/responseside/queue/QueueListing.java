package io.airlock.responseside.queue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incoming requests as operators list them, newest first. */
@Repository
public class QueueListing {

  /** A request as the listings show it. */
  public record Listed(
      @JsonProperty("request_id") UUID requestId,
      @JsonProperty("trace_id") String traceId,
      @JsonProperty("user_id") UUID userId,
      String index,
      @JsonProperty("query_type") String queryType,
      int priority,
      String status,
      @JsonProperty("reason_code") String reasonCode,
      int attempts,
      @JsonProperty("received_at") Instant receivedAt,
      @JsonProperty("started_at") Instant startedAt,
      @JsonProperty("finished_at") Instant finishedAt) {}

  private final JdbcClient jdbc;

  QueueListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The {@code limit} requests received last. */
  public List<Listed> latest(int limit) {
    return jdbc.sql(
            """
            select request_id, trace_id, user_id, index_name, query_type, priority, status,
                   reason_code, attempts, received_at, started_at, finished_at
            from incoming_requests order by received_at desc, request_id limit :limit""")
        .param("limit", limit)
        .query(QueueListing::listed)
        .list();
  }

  private static Listed listed(ResultSet rs, int n) throws SQLException {
    return new Listed(
        rs.getObject("request_id", UUID.class),
        rs.getString("trace_id"),
        rs.getObject("user_id", UUID.class),
        rs.getString("index_name"),
        rs.getString("query_type"),
        rs.getInt("priority"),
        rs.getString("status"),
        rs.getString("reason_code"),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("received_at")),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("finished_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
