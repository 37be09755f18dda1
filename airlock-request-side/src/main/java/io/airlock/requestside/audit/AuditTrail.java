package io.airlock.requestside.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log, newest first, read page by page or streamed whole: for the admin listings. */
@Repository
public class AuditTrail {

  /** PostgreSQL streams a result set only inside a transaction and with a fetch size. */
  private static final int FETCH_SIZE = 500;

  public static final List<String> OUTCOMES = List.of("success", "failure");

  /**
   * Which entries to list; null means any. From is inclusive, to exclusive.
   *
   * @param resource the start of the resource, such as {@code user:} or {@code request:<id>}
   * @param search text that the actor, action, resource or detail contains, in any case
   */
  public record Filter(
      String actor,
      String action,
      String resource,
      String outcome,
      Instant from,
      Instant to,
      String search) {}

  public record Entry(
      long id,
      Instant at,
      String actor,
      String action,
      String resource,
      String outcome,
      @JsonProperty("client_ip") String clientIp,
      @JsonProperty("request_id") String requestId,
      String detail) {}

  private static final String WHERE =
      """
       where (cast(:actor as text) is null or actor = :actor)
         and (cast(:action as text) is null or action = :action)
         and (cast(:resource as text) is null or starts_with(resource, :resource))
         and (cast(:outcome as text) is null or outcome = :outcome)
         and (cast(:from as timestamptz) is null or at >= :from)
         and (cast(:to as timestamptz) is null or at < :to)
         and (cast(:search as text) is null
              or strpos(lower(concat_ws(' ', actor, action, resource, detail)), lower(:search)) > 0)
      """;

  private static final String ORDER = " order by at desc, id desc";

  private final JdbcClient jdbc;
  private final JdbcClient streaming;
  private final TransactionTemplate readOnly;

  AuditTrail(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(FETCH_SIZE);
    this.streaming = JdbcClient.create(template);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** The entries of one page: at most {@code limit}, after the first {@code offset}. */
  public List<Entry> page(Filter filter, int limit, long offset) {
    return bind(
            jdbc.sql("select * from audit_logs" + WHERE + ORDER + " limit :limit offset :offset"),
            filter)
        .param("limit", limit)
        .param("offset", offset)
        .query(AuditTrail::entry)
        .list();
  }

  public long count(Filter filter) {
    return bind(jdbc.sql("select count(*) from audit_logs" + WHERE), filter)
        .query(Long.class)
        .single();
  }

  public Optional<Entry> byId(long id) {
    return jdbc.sql("select * from audit_logs where id = :id")
        .param("id", id)
        .query(AuditTrail::entry)
        .optional();
  }

  /** Hands every matching entry to {@code sink} as it is read, never holding them all at once. */
  public void forEach(Filter filter, Consumer<Entry> sink) {
    readOnly.executeWithoutResult(
        status ->
            bind(streaming.sql("select * from audit_logs" + WHERE + ORDER), filter)
                .query((RowCallbackHandler) rs -> sink.accept(entry(rs, 0))));
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
    return sql.param("actor", filter.actor())
        .param("action", filter.action())
        .param("resource", filter.resource())
        .param("outcome", filter.outcome())
        .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
        .param("to", filter.to() == null ? null : Timestamp.from(filter.to()))
        .param("search", filter.search());
  }

  private static Entry entry(ResultSet rs, int n) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("resource"),
        rs.getString("outcome"),
        rs.getString("client_ip"),
        rs.getString("request_id"),
        rs.getString("detail"));
  }
}
