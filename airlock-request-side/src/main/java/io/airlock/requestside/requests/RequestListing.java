package io.airlock.requestside.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every user's requests as administrators list and count them, newest first by default. */
@Repository
public class RequestListing {

  /** Which requests to list; null means any. Submitted from is inclusive, to exclusive. */
  public record Filter(
      String status, UUID userId, String index, Instant submittedFrom, Instant submittedTo) {}

  /** A request as the listing shows it; {@code queryParams} is JSON text. */
  public record Row(
      UUID id,
      UUID ownerId,
      String index,
      String queryType,
      String queryParams,
      int priority,
      String status,
      String statusReason,
      Instant deadline,
      String traceId,
      Stages stages,
      boolean hasResponse) {}

  /** The orders a listing can take. */
  public enum Order {
    NEWEST("q.submitted_at desc, q.id desc"),
    OLDEST("q.submitted_at, q.id"),
    /** Highest priority first, then newest. */
    PRIORITY("q.priority desc, q.submitted_at desc, q.id desc");

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

  /** A user and how many requests they made. */
  public record Requester(UUID userId, long requests) {}

  private static final String WHERE =
      """
       where (cast(:status as text) is null or q.status = :status)
         and (cast(:userId as uuid) is null or q.owner_id = :userId)
         and (cast(:index as text) is null or q.index_name = :index)
         and (cast(:from as timestamptz) is null or q.submitted_at >= :from)
         and (cast(:to as timestamptz) is null or q.submitted_at < :to)
      """;

  private final JdbcClient jdbc;

  RequestListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Row> page(Filter filter, Order order, int limit, long offset) {
    return bind(
            jdbc.sql(
                """
                select q.*, q.query_params::text as params,
                       exists (select 1 from responses r where r.request_id = q.id) as has_response
                from requests q"""
                    + WHERE
                    + " order by "
                    + order.sql
                    + " limit :limit offset :offset"),
            filter)
        .param("limit", limit)
        .param("offset", offset)
        .query(RequestListing::row)
        .list();
  }

  /** Any user's request, by its id. */
  public Optional<Row> byId(UUID id) {
    return jdbc.sql(
            """
            select q.*, q.query_params::text as params,
                   exists (select 1 from responses r where r.request_id = q.id) as has_response
            from requests q where q.id = :id""")
        .param("id", id)
        .query(RequestListing::row)
        .optional();
  }

  private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Row(
        rs.getObject("id", UUID.class),
        rs.getObject("owner_id", UUID.class),
        rs.getString("index_name"),
        rs.getString("query_type"),
        rs.getString("params"),
        rs.getInt("priority"),
        rs.getString("status"),
        rs.getString("status_reason"),
        instant(rs.getTimestamp("deadline")),
        rs.getString("trace_id"),
        Stages.of(rs),
        rs.getBoolean("has_response"));
  }

  public long count(Filter filter) {
    return bind(jdbc.sql("select count(*) from requests q" + WHERE), filter)
        .query(Long.class)
        .single();
  }

  /** How many requests the user made. */
  public long countOf(UUID userId) {
    return jdbc.sql("select count(*) from requests where owner_id = :id")
        .param("id", userId)
        .query(Long.class)
        .single();
  }

  /** How many requests have each status: every status, with zero for those none has. */
  public Map<RequestStatus, Long> countByStatus() {
    Map<RequestStatus, Long> byStatus = new LinkedHashMap<>();
    for (RequestStatus status : RequestStatus.values()) {
      byStatus.put(status, 0L);
    }
    jdbc.sql("select status, count(*) as n from requests group by status")
        .query(
            (RowCallbackHandler)
                rs ->
                    byStatus.put(
                        RequestStatus.fromWireName(rs.getString("status")).orElseThrow(),
                        rs.getLong("n")));
    return byStatus;
  }

  /**
   * One hour's figures.
   *
   * @param p50Ms median round trip (submitted → result received) of the requests answered in the
   *     hour, or null if none was
   */
  public record HourFigures(long submitted, Long p50Ms, Long p95Ms) {}

  /** Requests submitted, and round trips of those answered, in each hour from {@code from}. */
  public Map<Instant, HourFigures> byHour(Instant from) {
    Map<Instant, HourFigures> hours = new HashMap<>();
    jdbc.sql(
            """
            select date_trunc('hour', submitted_at, 'UTC') as hour, count(*) as n from requests
            where submitted_at >= :from group by 1""")
        .param("from", timestamp(from))
        .query(
            (RowCallbackHandler)
                rs ->
                    hours.put(
                        rs.getTimestamp("hour").toInstant(),
                        new HourFigures(rs.getLong("n"), null, null)));
    jdbc.sql(
            """
            select date_trunc('hour', result_received_at, 'UTC') as hour,
                percentile_cont(0.5) within group (order by extract(epoch from
                    result_received_at - submitted_at)) * 1000 as p50,
                percentile_cont(0.95) within group (order by extract(epoch from
                    result_received_at - submitted_at)) * 1000 as p95
            from requests where result_received_at >= :from and status = 'completed'
            group by 1""")
        .param("from", timestamp(from))
        .query(
            (RowCallbackHandler)
                rs -> {
                  long p50 = Math.round(rs.getDouble("p50"));
                  long p95 = Math.round(rs.getDouble("p95"));
                  hours.compute(
                      rs.getTimestamp("hour").toInstant(),
                      (hour, known) ->
                          new HourFigures(known == null ? 0 : known.submitted(), p50, p95));
                });
    return hours;
  }

  /** The {@code top} users who made the most requests, most first. */
  public List<Requester> topRequesters(int top) {
    return jdbc.sql(
            """
            select owner_id, count(*) as n from requests
            group by owner_id order by n desc, owner_id limit :top""")
        .param("top", top)
        .query((rs, n) -> new Requester(rs.getObject("owner_id", UUID.class), rs.getLong("n")))
        .list();
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
    return sql.param("status", filter.status())
        .param("userId", filter.userId())
        .param("index", filter.index())
        .param("from", timestamp(filter.submittedFrom()))
        .param("to", timestamp(filter.submittedTo()));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
