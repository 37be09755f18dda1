package io.airlock.requestside.admin;

import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.audit.AuditTrail;
import io.airlock.requestside.requests.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/audit-logs")
@Tag(name = "Admin")
class AuditLogController {

  static final String CSV = "text/csv";

  private final AuditTrail trail;

  AuditLogController(AuditTrail trail) {
    this.trail = trail;
  }

  @GetMapping
  @Operation(
      summary = "The audit log, newest first; as CSV with Accept: text/csv or format=csv",
      responses =
          @ApiResponse(
              responseCode = "200",
              content = {
                @Content(mediaType = "application/json"),
                @Content(mediaType = CSV, schema = @Schema(type = "string"))
              }))
  AdminPage<AuditTrail.Entry> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome,
      @Parameter(description = "at or after (ISO-8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "before (ISO-8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @Parameter(description = "json (the default) or csv") @RequestParam(required = false)
          String format) {
    if (format != null && !format.equals("json")) {
      throw new InvalidField("format", "must be json or csv");
    }
    Paging paging = Paging.of(page, size);
    AuditTrail.Filter filter = filter(actor, action, outcome, from, to);
    return AdminPage.of(
        trail.page(filter, paging.size(), paging.offset()), paging, trail.count(filter));
  }

  @GetMapping(produces = CSV)
  @Operation(hidden = true)
  void csv(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      HttpServletResponse response)
      throws IOException {
    AuditTrail.Filter filter = filter(actor, action, outcome, from, to);
    response.setContentType(CSV + ";charset=UTF-8");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("audit-logs.csv").build().toString());
    // Written as the rows are read: the whole log is never held in memory.
    Writer out = response.getWriter();
    AuditCsv csv = new AuditCsv(out);
    trail.forEach(filter, csv::write);
    out.flush();
  }

  @GetMapping(params = "format=csv")
  @Operation(hidden = true)
  void csvByParameter(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      HttpServletResponse response)
      throws IOException {
    csv(actor, action, outcome, from, to, response);
  }

  private static AuditTrail.Filter filter(
      String actor, String action, String outcome, Instant from, Instant to) {
    Filters.range("from", from, to);
    return new AuditTrail.Filter(
        actor, action, Filters.oneOf("outcome", outcome, AuditTrail.OUTCOMES), from, to);
  }
}
