package io.airlock.responseside.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The system log as operators read it, newest first. */
@Repository
public class SystemLogListing {

  /**
   * An entry.
   *
   * @param details its structured fields, as JSON text
   */
  public record Entry(
      long id, Instant at, String level, String component, String message, String details) {}

  private final JdbcClient jdbc;

  SystemLogListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The warnings and errors since {@code since}, at most {@code limit}, newest first. */
  public List<Entry> alerts(Instant since, int limit) {
    return jdbc.sql(
            """
            select id, at, level, component, message, details::text as details from system_logs
            where level in ('WARN', 'ERROR') and at >= :since
            order by at desc, id desc limit :limit""")
        .param("since", Timestamp.from(since))
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong("id"),
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("level"),
                    rs.getString("component"),
                    rs.getString("message"),
                    rs.getString("details")))
        .list();
  }
}
