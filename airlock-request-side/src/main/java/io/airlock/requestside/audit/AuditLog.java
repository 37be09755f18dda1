package io.airlock.requestside.audit;

import io.airlock.platform.database.Columns;
import io.airlock.platform.web.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who did what to which resource, from where, and how it ended. Writes in the caller's transaction,
 * if any: callers record a refusal outside one, so that it survives the refusal.
 */
@Component
public class AuditLog {

  /** How an audited action ended. */
  public enum Outcome {
    SUCCESS,
    FAILURE
  }

  /** An audit row, with the client's address and the request id of the call it was made in. */
  public record Entry(
      String actor,
      String action,
      String resource,
      String clientIp,
      Outcome outcome,
      String requestId,
      String detail) {}

  private final JdbcClient jdbc;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String actor, String action, String resource, Outcome outcome, String detail) {
    recordAll(List.of(entry(actor, action, resource, outcome, detail)));
  }

  /**
   * An entry for the current call, to be recorded later with {@link #recordAll}, maybe by another
   * thread (a group commit).
   */
  public Entry entry(String actor, String action, String resource, Outcome outcome, String detail) {
    return new Entry(
        actor, action, resource, clientIp(), outcome, RequestId.current().orElse(null), detail);
  }

  /** Records the entries with one statement. */
  public void recordAll(List<Entry> entries) {
    jdbc.sql(
            """
            insert into audit_logs (actor, action, resource, client_ip, outcome, request_id, detail)
            select * from unnest(cast(:actors as text[]), cast(:actions as text[]),
                                 cast(:resources as text[]), cast(:ips as text[]),
                                 cast(:outcomes as text[]), cast(:requestIds as text[]),
                                 cast(:details as text[]))
            """)
        .param("actors", Columns.texts(entries, Entry::actor))
        .param("actions", Columns.texts(entries, Entry::action))
        .param("resources", Columns.texts(entries, Entry::resource))
        .param("ips", Columns.texts(entries, Entry::clientIp))
        .param(
            "outcomes",
            Columns.texts(entries, entry -> entry.outcome().name().toLowerCase(Locale.ROOT)))
        .param("requestIds", Columns.texts(entries, Entry::requestId))
        .param("details", Columns.texts(entries, Entry::detail))
        .update();
  }

  /** Removes up to {@code limit} entries recorded before {@code before}, for the retention. */
  public int removeBefore(Instant before, int limit) {
    return jdbc.sql(
            """
            delete from audit_logs where ctid in (
              select ctid from audit_logs where at < :before limit :limit)""")
        .param("before", Timestamp.from(before))
        .param("limit", limit)
        .update();
  }

  // The socket's address, not X-Forwarded-For: trusting that header is a proxy setting
  // (server.forward-headers-strategy), which then rewrites getRemoteAddr itself.
  private static String clientIp() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
