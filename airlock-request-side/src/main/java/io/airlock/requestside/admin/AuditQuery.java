package io.airlock.requestside.admin;

import io.airlock.requestside.audit.AuditTrail;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The audit log's filters as query parameters, shared by {@code /admin/audit-logs}, its CSV export
 * and the console's audit page. Blank means any.
 */
record AuditQuery(
    @Parameter(description = "the actor's username, exactly") String actor,
    @Parameter(description = "the action, exactly, such as login") String action,
    @Parameter(description = "the start of the resource, such as user: or request:<id>")
        String resource,
    @Parameter(description = "success or failure") String outcome,
    @Parameter(description = "at or after (ISO-8601)")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        Instant from,
    @Parameter(description = "before (ISO-8601)")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        Instant to,
    @Parameter(description = "text the actor, action, resource or detail contains, in any case")
        String q) {

  /** The trail's filter; refuses an unknown outcome, or a range that ends before it starts. */
  AuditTrail.Filter filter() {
    Filters.range("from", from, to);
    return new AuditTrail.Filter(
        Filters.given(actor),
        Filters.given(action),
        Filters.given(resource),
        Filters.oneOf("outcome", Filters.given(outcome), AuditTrail.OUTCOMES),
        from,
        to,
        Filters.given(q));
  }
}
