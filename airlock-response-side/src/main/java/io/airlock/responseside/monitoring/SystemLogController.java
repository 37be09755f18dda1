package io.airlock.responseside.monitoring;

import io.airlock.platform.web.CsvRows;
import io.airlock.platform.web.InvalidField;
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
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "System log", description = "What changed on this side, and who changed it")
class SystemLogController {

  static final String CSV = "text/csv";
  static final String HEADER = "id,at,level,component,message,details";
  static final int MAX_PAGE_SIZE = 200;

  private final SystemLogListing log;

  SystemLogController(SystemLogListing log) {
    this.log = log;
  }

  record EntryPage(List<SystemLogListing.Entry> items, int page, int size, long total) {}

  static class EntryNotFound extends ErrorResponseException {
    EntryNotFound(long id) {
      super(
          HttpStatus.NOT_FOUND,
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No log entry " + id + "."),
          null);
    }
  }

  @GetMapping("/admin/system-logs")
  @Operation(
      summary = "The system log, newest first; as CSV with Accept: text/csv",
      responses =
          @ApiResponse(
              responseCode = "200",
              content = {
                @Content(mediaType = "application/json"),
                @Content(mediaType = CSV, schema = @Schema(type = "string"))
              }))
  EntryPage list(
      @Parameter(description = "levels, comma separated: DEBUG, INFO, WARN, ERROR")
          @RequestParam(required = false)
          List<String> level,
      @RequestParam(required = false) String component,
      @Parameter(description = "at or after (ISO-8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "before (ISO-8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @Parameter(description = "text the message or the details contain")
          @RequestParam(required = false)
          String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    SystemLogListing.Filter filter = filter(level, component, from, to, q);
    int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
    int pageNumber = Math.max(page, 0);
    return new EntryPage(
        log.page(filter, pageSize, (long) pageNumber * pageSize),
        pageNumber,
        pageSize,
        log.count(filter));
  }

  @GetMapping(value = "/admin/system-logs", produces = CSV)
  @Operation(hidden = true)
  void csv(
      @RequestParam(required = false) List<String> level,
      @RequestParam(required = false) String component,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(required = false) String q,
      HttpServletResponse response)
      throws IOException {
    export(log, filter(level, component, from, to, q), response);
  }

  @GetMapping("/admin/system-logs/{id}")
  @Operation(summary = "One entry, with its structured fields")
  SystemLogListing.Entry one(@PathVariable long id) {
    return log.byId(id).orElseThrow(() -> new EntryNotFound(id));
  }

  /**
   * The filter of the listing's parameters.
   *
   * @throws InvalidField for an unknown level or a range that ends before it starts
   */
  static SystemLogListing.Filter filter(
      List<String> levels, String component, Instant from, Instant to, String search) {
    List<String> wanted =
        levels == null
            ? List.of()
            : levels.stream()
                .filter(level -> !level.isBlank())
                .map(level -> level.strip().toUpperCase(Locale.ROOT))
                .toList();
    for (String level : wanted) {
      if (!SystemLogListing.LEVELS.contains(level)) {
        throw new InvalidField(
            "level", "must be one of " + String.join(", ", SystemLogListing.LEVELS));
      }
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidField("from", "must not be after the end of the range");
    }
    return new SystemLogListing.Filter(wanted, given(component), from, to, given(search));
  }

  /** Answers with the matching entries as a CSV attachment, written as they are read. */
  static void export(
      SystemLogListing log, SystemLogListing.Filter filter, HttpServletResponse response)
      throws IOException {
    response.setContentType(CSV + ";charset=UTF-8");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("system-logs.csv").build().toString());
    Writer out = response.getWriter();
    CsvRows rows = new CsvRows(out, HEADER);
    log.forEach(
        filter,
        entry ->
            rows.row(
                Long.toString(entry.id()),
                entry.at().toString(),
                entry.level(),
                entry.component(),
                entry.message(),
                entry.details()));
    out.flush();
  }

  private static String given(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
