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
import org.springdoc.core.annotations.ParameterObject;
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
      @ParameterObject AuditQuery query,
      @Parameter(description = "json (the default) or csv") @RequestParam(required = false)
          String format) {
    if (format != null && !format.equals("json")) {
      throw new InvalidField("format", "must be json or csv");
    }
    Paging paging = Paging.of(page, size);
    AuditTrail.Filter filter = query.filter();
    return AdminPage.of(
        trail.page(filter, paging.size(), paging.offset()), paging, trail.count(filter));
  }

  @GetMapping(produces = CSV)
  @Operation(hidden = true)
  void csv(AuditQuery query, HttpServletResponse response) throws IOException {
    AuditCsv.export(trail, query.filter(), response);
  }

  @GetMapping(params = "format=csv")
  @Operation(hidden = true)
  void csvByParameter(AuditQuery query, HttpServletResponse response) throws IOException {
    csv(query, response);
  }
}
