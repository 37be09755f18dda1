package io.airlock.responseside.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system log admins read: what changed on this side and who changed it. Written in the caller's
 * transaction, so a change and its entry commit or roll back together.
 */
@Component
public class SystemLog {

  /** How much an entry matters. */
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  private final JdbcClient jdbc;
  private final JsonMapper json;

  SystemLog(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Records an entry; {@code details} become a JSON object. */
  public void record(Level level, String component, String message, Map<String, ?> details) {
    jdbc.sql(
            """
            insert into system_logs (level, component, message, details)
            values (:level, :component, :message, cast(:details as jsonb))
            """)
        .param("level", level.name())
        .param("component", component)
        .param("message", message)
        .param("details", json.writeValueAsString(details))
        .update();
  }

  /** Removes up to {@code limit} lines logged before {@code before}, for the retention. */
  public int removeBefore(Instant before, int limit) {
    return jdbc.sql(
            """
            delete from system_logs where ctid in (
              select ctid from system_logs where at < :before limit :limit)""")
        .param("before", Timestamp.from(before))
        .param("limit", limit)
        .update();
  }
}
