package io.airlock.responseside.monitoring;

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

/** The system log as operators read it, newest first: page by page, or streamed whole. */
@Repository
public class SystemLogListing {

  /** PostgreSQL streams a result set only inside a transaction and with a fetch size. */
  private static final int FETCH_SIZE = 500;

  public static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

  /**
   * An entry.
   *
   * @param details its structured fields, as JSON text
   */
  public record Entry(
      long id, Instant at, String level, String component, String message, String details) {}

  /**
   * Which entries to list; null means any. From is inclusive, to exclusive.
   *
   * @param levels the levels wanted; null or empty for all
   * @param search text the message or the details contain, in any case
   */
  public record Filter(
      List<String> levels, String component, Instant from, Instant to, String search) {

    public static Filter since(Instant from, List<String> levels) {
      return new Filter(levels, null, from, null, null);
    }
  }

  private static final String WHERE =
      """
       where (cast(:levels as text[]) is null or level = any(cast(:levels as text[])))
         and (cast(:component as text) is null or component = :component)
         and (cast(:from as timestamptz) is null or at >= :from)
         and (cast(:to as timestamptz) is null or at < :to)
         and (cast(:search as text) is null
              or strpos(lower(concat_ws(' ', message, details::text)), lower(:search)) > 0)
      """;

  private static final String COLUMNS =
      "select id, at, level, component, message, details::text as details from system_logs";

  private static final String ORDER = " order by at desc, id desc";

  private final JdbcClient jdbc;
  private final JdbcClient streaming;
  private final TransactionTemplate readOnly;

  SystemLogListing(
      JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(FETCH_SIZE);
    this.streaming = JdbcClient.create(template);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** The warnings and errors since {@code since}, at most {@code limit}, newest first. */
  public List<Entry> alerts(Instant since, int limit) {
    return page(Filter.since(since, List.of("WARN", "ERROR")), limit, 0);
  }

  public List<Entry> page(Filter filter, int limit, long offset) {
    return bind(jdbc.sql(COLUMNS + WHERE + ORDER + " limit :limit offset :offset"), filter)
        .param("limit", limit)
        .param("offset", offset)
        .query(SystemLogListing::entry)
        .list();
  }

  public long count(Filter filter) {
    return bind(jdbc.sql("select count(*) from system_logs" + WHERE), filter)
        .query(Long.class)
        .single();
  }

  public Optional<Entry> byId(long id) {
    return jdbc.sql(COLUMNS + " where id = :id")
        .param("id", id)
        .query(SystemLogListing::entry)
        .optional();
  }

  /** The components that have written to the log, for a filter's choices. */
  public List<String> components() {
    return jdbc.sql("select distinct component from system_logs order by component")
        .query(String.class)
        .list();
  }

  /** Hands every matching entry to {@code sink} as it is read, never holding them all at once. */
  public void forEach(Filter filter, Consumer<Entry> sink) {
    readOnly.executeWithoutResult(
        status ->
            bind(streaming.sql(COLUMNS + WHERE + ORDER), filter)
                .query((RowCallbackHandler) rs -> sink.accept(entry(rs, 0))));
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
    return sql.param(
            "levels",
            filter.levels() == null || filter.levels().isEmpty()
                ? null
                : filter.levels().toArray(String[]::new))
        .param("component", filter.component())
        .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
        .param("to", filter.to() == null ? null : Timestamp.from(filter.to()))
        .param("search", filter.search());
  }

  private static Entry entry(ResultSet rs, int n) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("level"),
        rs.getString("component"),
        rs.getString("message"),
        rs.getString("details"));
  }
}
