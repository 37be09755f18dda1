package io.airlock.requestside.admin;

import io.airlock.requestside.audit.AuditTrail;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/** Audit entries as CSV (RFC 4180): a header row, then one row per entry. */
final class AuditCsv {

  static final String HEADER = "id,at,actor,action,resource,outcome,client_ip,request_id,detail";

  private final Writer out;

  AuditCsv(Writer out) throws IOException {
    this.out = out;
    out.write(HEADER + "\r\n");
  }

  /**
   * Answers with the entries {@code filter} matches as a CSV attachment, written as the rows are
   * read: the whole log is never held in memory.
   */
  static void export(AuditTrail trail, AuditTrail.Filter filter, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/csv;charset=UTF-8");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("audit-logs.csv").build().toString());
    Writer out = response.getWriter();
    AuditCsv csv = new AuditCsv(out);
    trail.forEach(filter, csv::write);
    out.flush();
  }

  void write(AuditTrail.Entry entry) {
    try {
      out.write(
          String.join(
              ",",
              Long.toString(entry.id()),
              field(entry.at()),
              field(entry.actor()),
              field(entry.action()),
              field(entry.resource()),
              field(entry.outcome()),
              field(entry.clientIp()),
              field(entry.requestId()),
              field(entry.detail())));
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  /**
   * Quotes what needs quoting. A value a spreadsheet would take for a formula (usernames and
   * details come from users) is prefixed with an apostrophe, so opening the export runs nothing.
   */
  static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
