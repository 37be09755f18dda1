package io.airlock.requestside.audit;

import io.airlock.platform.web.RequestId;
import jakarta.servlet.http.HttpServletRequest;
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

  private final JdbcClient jdbc;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String actor, String action, String resource, Outcome outcome, String detail) {
    jdbc.sql(
            """
            insert into audit_logs (actor, action, resource, client_ip, outcome, request_id, detail)
            values (:actor, :action, :resource, :ip, :outcome, :requestId, :detail)
            """)
        .param("actor", actor)
        .param("action", action)
        .param("resource", resource)
        .param("ip", clientIp())
        .param("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .param("requestId", RequestId.current().orElse(null))
        .param("detail", detail)
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
