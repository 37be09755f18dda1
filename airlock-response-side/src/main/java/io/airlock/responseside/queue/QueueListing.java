package io.airlock.responseside.queue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incoming requests as operators list them, newest first by default. */
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

  /**
   * Which requests to list; null means any. Received from is inclusive, to exclusive.
   *
   * @param search a request id or a trace id, exactly
   */
  public record Filter(
      String status,
      UUID userId,
      String index,
      Integer priority,
      Instant receivedFrom,
      Instant receivedTo,
      String search) {

    public static Filter none() {
      return new Filter(null, null, null, null, null, null, null);
    }
  }

  /** The orders a listing can take. */
  public enum Order {
    NEWEST("received_at desc, request_id"),
    OLDEST("received_at, request_id"),
    /** Highest priority first, then oldest: the order the workers take them in. */
    PRIORITY("priority desc, received_at, request_id");

    private final String sql;

    Order(String sql) {
      this.sql = sql;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The order of that wire name; newest for none. */
    public static Optional<Order> fromWireName(String name) {
      return name == null || name.isBlank()
          ? Optional.of(NEWEST)
          : Arrays.stream(values()).filter(o -> o.wireName().equals(name)).findFirst();
    }
  }

  /**
   * A request with all an operator looks at.
   *
   * @param params the query as it passed re-validation, JSON text; null for a refused request
   * @param leaseOwner the worker holding it while it runs
   * @param runs how many times a worker began to run it; {@code attempts} counts claims
   */
  public record Detail(
      Listed request,
      @JsonProperty("query_params") @JsonRawValue String params,
      @JsonProperty("requested_priority") Integer requestedPriority,
      @JsonProperty("reason_detail") String reasonDetail,
      int runs,
      @JsonProperty("next_attempt_at") Instant nextAttemptAt,
      @JsonProperty("lease_owner") String leaseOwner,
      @JsonProperty("lease_until") Instant leaseUntil,
      @JsonProperty("submitted_at") Instant submittedAt,
      Instant deadline,
      @JsonProperty("cache_key") String cacheKey) {}

  private static final String COLUMNS =
      """
      select request_id, trace_id, user_id, index_name, query_type, priority, status, reason_code,
             attempts, received_at, started_at, finished_at
      from incoming_requests""";

  private static final String WHERE =
      """
       where (cast(:status as text) is null or status = :status)
         and (cast(:userId as uuid) is null or user_id = :userId)
         and (cast(:index as text) is null or index_name = :index)
         and (cast(:priority as int) is null or priority = :priority)
         and (cast(:from as timestamptz) is null or received_at >= :from)
         and (cast(:to as timestamptz) is null or received_at < :to)
         and (cast(:search as text) is null
              or request_id::text = lower(:search) or trace_id = :search)
      """;

  private final JdbcClient jdbc;

  QueueListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One page of the requests the filter matches. */
  public List<Listed> page(Filter filter, Order order, int limit, long offset) {
    return bind(
            jdbc.sql(COLUMNS + WHERE + " order by " + order.sql + " limit :limit offset :offset"),
            filter)
        .param("limit", limit)
        .param("offset", offset)
        .query(QueueListing::listed)
        .list();
  }

  public long count(Filter filter) {
    return bind(jdbc.sql("select count(*) from incoming_requests" + WHERE), filter)
        .query(Long.class)
        .single();
  }

  /** One request with its details. */
  public Optional<Detail> byId(UUID id) {
    return jdbc.sql(
            """
            select *, query_params::text as params from incoming_requests
            where request_id = :id""")
        .param("id", id)
        .query(
            (rs, n) ->
                new Detail(
                    listed(rs, n),
                    rs.getString("params"),
                    rs.getObject("requested_priority", Integer.class),
                    rs.getString("reason_detail"),
                    rs.getInt("runs"),
                    instant(rs.getTimestamp("next_attempt_at")),
                    rs.getString("lease_owner"),
                    instant(rs.getTimestamp("lease_until")),
                    instant(rs.getTimestamp("submitted_at")),
                    instant(rs.getTimestamp("deadline")),
                    rs.getString("cache_key")))
        .optional();
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
    return sql.param("status", filter.status())
        .param("userId", filter.userId())
        .param("index", filter.index())
        .param("priority", filter.priority())
        .param("from", filter.receivedFrom() == null ? null : Timestamp.from(filter.receivedFrom()))
        .param("to", filter.receivedTo() == null ? null : Timestamp.from(filter.receivedTo()))
        .param("search", filter.search());
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
